using Microsoft.AspNetCore.Http;
using SmsOnboarding.Api.Auth;

namespace SmsOnboarding.Api.Lambda;

/// <summary>
/// Endpoint filter for API Gateway: SigV4 was already verified by the AWS_IAM authorizer, so only the mapping from
/// the IAM principal to an API user is decided here. A signed caller without a mapping is known but not allowed: 403.
/// </summary>
public sealed class IamAuthentication(PrincipalDirectory principals) : IEndpointFilter
{
    internal const string PrincipalItem = "smsonboarding.iam-principal";

    // The key BearerAuthentication.Caller reads: endpoints stay unaware of which filter authenticated the caller.
    private const string UserItem = "smsonboarding.user";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var principal = http.Items[PrincipalItem] as string;
        if (string.IsNullOrEmpty(principal))
        {
            return ApiResults.Error(StatusCodes.Status401Unauthorized, "unauthenticated",
                "The request carries no IAM identity: call the API through API Gateway with SigV4 (AWS_IAM) signing.");
        }
        var user = principals.Find(principal);
        if (user is null)
        {
            return ApiResults.Forbidden(
                $"IAM principal '{principal}' is not mapped to an SmsOnboarding user: ask ops to add it to {PrincipalDirectory.Variable}.");
        }
        http.Items[UserItem] = user;
        http.User = user.Principal;
        return await next(context).ConfigureAwait(false);
    }
}
