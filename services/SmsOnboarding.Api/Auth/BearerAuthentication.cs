using Microsoft.AspNetCore.Http;

namespace SmsOnboarding.Api.Auth;

/// <summary>Endpoint filter: every API call needs <c>Authorization: Bearer TOKEN</c> of a known user.</summary>
public sealed class BearerAuthentication(UserDirectory users) : IEndpointFilter
{
    private const string ItemKey = "smsonboarding.user";

    public static ApiUser Caller(HttpContext context) =>
        context.Items[ItemKey] as ApiUser ?? throw new InvalidOperationException("endpoint is not behind BearerAuthentication");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        string? header = http.Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return ApiResults.Error(StatusCodes.Status401Unauthorized, "unauthenticated",
                "Send 'Authorization: Bearer TOKEN' with a token from the users file.");
        }
        var user = users.FindByToken(header["Bearer ".Length..].Trim());
        if (user is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return ApiResults.Error(StatusCodes.Status401Unauthorized, "unauthenticated", "The bearer token is not in the users file.");
        }
        http.Items[ItemKey] = user;
        http.User = user.Principal;
        return await next(context).ConfigureAwait(false);
    }
}
