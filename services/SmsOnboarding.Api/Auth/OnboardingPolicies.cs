using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace SmsOnboarding.Api.Auth;

/// <summary>
/// Who may do what, in one place. Role-only rules are named policies; rules that depend on the onboarding (whose
/// request it is, whom it names as approvers) are <see cref="OnboardingOperation"/>s judged by the one
/// <see cref="OnboardingAuthorizationHandler"/>. Every entry (the HTTP API in both hosts, the AWS-compatible
/// endpoints of serve) asks <see cref="OnboardingAuthorizer"/>, never a role directly.
/// </summary>
public static class Policies
{
    public const string Ops = "ops";
    public const string ApproverOrOps = "approverOrOps";

    /// <summary>Who may submit at all (in whose name is <see cref="OnboardingOperation.Submit"/>).</summary>
    public const string Submitter = "submitter";

    /// <summary>Who reads every onboarding rather than only their own (approvers see what they may act on).</summary>
    public const string ReadsEveryOnboarding = "readsEveryOnboarding";

    public static IServiceCollection AddOnboardingAuthorization(this IServiceCollection services)
    {
        services.AddAuthorization(o =>
        {
            o.AddPolicy(Ops, p => p.RequireRole(Roles.Ops));
            o.AddPolicy(ApproverOrOps, p => p.RequireRole(Roles.Approver, Roles.Ops));
            o.AddPolicy(Submitter, p => p.RequireRole(Roles.Requester, Roles.Ops));
            o.AddPolicy(ReadsEveryOnboarding, p => p.RequireRole(Roles.Approver, Roles.Ops));
        });
        services.AddSingleton<IAuthorizationHandler, OnboardingAuthorizationHandler>();
        services.AddSingleton<OnboardingAuthorizer>();
        return services;
    }
}

/// <summary>
/// What the rules of an onboarding look at: its id, who asked for it, whom it names as approvers, the team it is for
/// and the account of its pool (null only for onboardings recorded before accounts were kept).
/// </summary>
public sealed record OnboardingParties(string Id, string Requester, IReadOnlyList<string> Approvers, string? Team = null, string? AccountId = null);

/// <summary>An action on one onboarding, judged against its <see cref="OnboardingParties"/>.</summary>
public sealed class OnboardingOperation : IAuthorizationRequirement
{
    private OnboardingOperation(string name) => Name = name;

    public string Name { get; }

    /// <summary>Ops, any approver, its requester, or a requester of its team.</summary>
    public static readonly OnboardingOperation Read = new("read");

    /// <summary>Ops, or a requester in their own name, for their own team and one of its accounts.</summary>
    public static readonly OnboardingOperation Submit = new("submit");

    /// <summary>Ops, or its requester.</summary>
    public static readonly OnboardingOperation Cancel = new("cancel");

    /// <summary>Dry-run plan of a request: ops, or anyone whose team (if they have one) owns its account.</summary>
    public static readonly OnboardingOperation Plan = new("plan");

    /// <summary>Ops only.</summary>
    public static readonly OnboardingOperation Redrive = new("redrive");

    /// <summary>An approver it names (or any approver when it names none) whose accounts include its account, never its own requester.</summary>
    public static readonly OnboardingOperation Approve = new("approve");

    /// <summary>A raw workflow callback with a task token (SendTask*): whoever may approve it, or ops.</summary>
    public static readonly OnboardingOperation Callback = new("callback");

    /// <summary>See its pending tasks: whoever may approve it, its requester, or ops.</summary>
    public static readonly OnboardingOperation ViewTasks = new("viewTasks");

    /// <summary>See task tokens and verification codes: only who may use them (approve it, or ops).</summary>
    public static readonly OnboardingOperation SeeSecrets = new("seeSecrets");

    public override string ToString() => Name;
}

public static class OnboardingPartiesExtensions
{
    public static OnboardingParties Parties(this Onboardings.OnboardingRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new OnboardingParties(record.Id, record.Requester, record.Approvers, record.Team, record.AccountId);
    }
}
