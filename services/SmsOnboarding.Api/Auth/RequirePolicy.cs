using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace SmsOnboarding.Api.Auth;

/// <summary>
/// Endpoint filter that applies a named policy to the caller the authentication filter of the group found. It is a
/// filter, not <c>RequireAuthorization</c>, because callers are authenticated by endpoint filters (bearer tokens in
/// serve, IAM principals in the Lambda pipeline, which never runs authentication middleware).
/// </summary>
public sealed class RequirePolicy(string policy) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var authorizer = context.HttpContext.RequestServices.GetRequiredService<OnboardingAuthorizer>();
        if (await authorizer.RefusalAsync(BearerAuthentication.Caller(context.HttpContext), policy).ConfigureAwait(false) is { } refusal)
        {
            return ApiResults.Forbidden(refusal);
        }
        return await next(context).ConfigureAwait(false);
    }
}

public static class RequirePolicyExtensions
{
    public static TBuilder RequirePolicy<TBuilder>(this TBuilder builder, string policy)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new RequirePolicy(policy));
}
