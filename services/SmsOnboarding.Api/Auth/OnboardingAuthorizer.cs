using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace SmsOnboarding.Api.Auth;

/// <summary>
/// Asks ASP.NET Core's <see cref="IAuthorizationService"/> about an <see cref="ApiUser"/> and answers null (allowed)
/// or the sentence that says why not, so every entry refuses with the same words.
/// </summary>
public sealed class OnboardingAuthorizer(IAuthorizationService authorization)
{
    public async Task<string?> RefusalAsync(ApiUser caller, OnboardingOperation operation, OnboardingParties onboarding)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var result = await authorization.AuthorizeAsync(caller.Principal, onboarding, operation).ConfigureAwait(false);
        return result.Succeeded ? null : Reason(caller, result.Failure);
    }

    public async Task<string?> RefusalAsync(ApiUser caller, string policy)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var result = await authorization.AuthorizeAsync(caller.Principal, policy).ConfigureAwait(false);
        return result.Succeeded ? null : Reason(caller, result.Failure);
    }

    public async Task<bool> AllowsAsync(ApiUser caller, OnboardingOperation operation, OnboardingParties onboarding) =>
        await RefusalAsync(caller, operation, onboarding).ConfigureAwait(false) is null;

    public async Task<bool> AllowsAsync(ApiUser caller, string policy) =>
        await RefusalAsync(caller, policy).ConfigureAwait(false) is null;

    private static string Reason(ApiUser caller, AuthorizationFailure? failure)
    {
        if (failure?.FailureReasons.FirstOrDefault() is { } reason)
        {
            return reason.Message;
        }
        var roles = failure?.FailedRequirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).ToList();
        return roles is { Count: > 0 }
            ? $"{caller.Name} needs the role {string.Join(" or ", roles)} for this."
            : $"{caller.Name} may not do this.";
    }
}
