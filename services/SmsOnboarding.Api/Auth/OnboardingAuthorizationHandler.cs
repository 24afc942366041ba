using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace SmsOnboarding.Api.Auth;

/// <summary>The one resource-based handler: every <see cref="OnboardingOperation"/> on an onboarding, with why not.</summary>
public sealed class OnboardingAuthorizationHandler : AuthorizationHandler<OnboardingOperation, OnboardingParties>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OnboardingOperation requirement, OnboardingParties resource)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        ArgumentNullException.ThrowIfNull(resource);
        if (Refusal(context.User, requirement, resource) is { } refusal)
        {
            context.Fail(new AuthorizationFailureReason(this, refusal));
        }
        else
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }

    private static string? Refusal(ClaimsPrincipal user, OnboardingOperation operation, OnboardingParties onboarding)
    {
        var name = user.Identity?.Name ?? "";
        var ops = user.IsInRole(Roles.Ops);
        var own = string.Equals(onboarding.Requester, name, StringComparison.Ordinal);
        var approval = ApprovalRefusal(user, name, onboarding);
        var team = UserClaims.TeamOf(user);
        if (operation == OnboardingOperation.Read)
        {
            if (ops || own || user.IsInRole(Roles.Approver) || (team is not null && string.Equals(onboarding.Team, team, StringComparison.Ordinal)))
            {
                return null;
            }
            return team is null
                ? $"Onboarding {onboarding.Id} belongs to {onboarding.Requester}: requesters see only their own onboardings."
                : $"Onboarding {onboarding.Id} belongs to {onboarding.Requester} of team '{onboarding.Team}': requesters see only their own and their team's ({team}) onboardings.";
        }
        if (operation == OnboardingOperation.Submit)
        {
            if (ops)
            {
                return null;
            }
            return own ? TeamRefusal(user, onboarding)
                : $"requester is '{onboarding.Requester}' but you are '{name}': requesters submit only in their own name.";
        }
        if (operation == OnboardingOperation.Plan)
        {
            return ops ? null : TeamRefusal(user, onboarding);
        }
        if (operation == OnboardingOperation.Cancel)
        {
            return ops || own ? null : $"Only ops or the requester ({onboarding.Requester}) may cancel onboarding {onboarding.Id}.";
        }
        if (operation == OnboardingOperation.Redrive)
        {
            return ops ? null : "Only ops may redrive an onboarding.";
        }
        if (operation == OnboardingOperation.Approve)
        {
            return approval;
        }
        if (operation == OnboardingOperation.Callback)
        {
            return ops || approval is null ? null : $"{approval} Task callbacks are for its approvers and ops.";
        }
        if (operation == OnboardingOperation.ViewTasks)
        {
            return ops || own || approval is null ? null : approval;
        }
        if (operation == OnboardingOperation.SeeSecrets)
        {
            return ops || approval is null ? null : $"Task tokens and codes of onboarding {onboarding.Id} are only for its approvers and ops.";
        }
        throw new ArgumentOutOfRangeException(nameof(operation), operation.Name, "no rule for this operation");
    }

    private static string? ApprovalRefusal(ClaimsPrincipal user, string name, OnboardingParties onboarding)
    {
        if (!user.IsInRole(Roles.Approver))
        {
            return $"{name} is not an approver: only approvers complete or reject tasks.";
        }
        if (string.Equals(onboarding.Requester, name, StringComparison.Ordinal))
        {
            return $"Onboarding {onboarding.Id} is {name}'s own request: another approver must act on it.";
        }
        if (onboarding.Approvers.Count > 0 && !onboarding.Approvers.Contains(name, StringComparer.Ordinal))
        {
            return $"Onboarding {onboarding.Id} names {string.Join(", ", onboarding.Approvers)} as approver(s), not {name}.";
        }
        if (UserClaims.ApproverAccounts(user) is { } accounts && (onboarding.AccountId is null || !accounts.Contains(onboarding.AccountId)))
        {
            return $"Onboarding {onboarding.Id} is for account {onboarding.AccountId ?? "(not recorded)"}: {name} approves only onboardings of accounts {Listed(accounts)}.";
        }
        return null;
    }

    /// <summary>A requester of a team acts for that team only, and only on pools in the team's accounts.</summary>
    private static string? TeamRefusal(ClaimsPrincipal user, OnboardingParties onboarding)
    {
        if (UserClaims.RequesterAccounts(user) is not { } accounts)
        {
            return null;
        }
        var team = UserClaims.TeamOf(user);
        if (!string.Equals(onboarding.Team, team, StringComparison.Ordinal))
        {
            return $"The request names team '{onboarding.Team}' but you are in team '{team}': requesters onboard pools for their own team.";
        }
        return onboarding.AccountId is not null && accounts.Contains(onboarding.AccountId) ? null
            : $"Account {onboarding.AccountId ?? "(none)"} is not one of team '{team}''s accounts ({Listed(accounts)}): requesters onboard only pools in their team's accounts.";
    }

    private static string Listed(IReadOnlySet<string> accounts) => string.Join(", ", accounts.Order(StringComparer.Ordinal));
}
