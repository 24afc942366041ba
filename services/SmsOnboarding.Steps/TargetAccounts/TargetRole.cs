using SmsOnboarding.Domain.Policies;
using SmsOnboarding.Steps.Reminders;

namespace SmsOnboarding.Steps.TargetAccounts;

/// <summary>
/// The role a step assumes in a team's account (issue 12, decision 0025): one per member account, deployed there by
/// the member stack (a StackSet on AWS, the local deployment in the simulated organisation). Its policy is every
/// step's grants that act on the pool's account; each session is narrowed to one step's grants by a session policy,
/// so a step keeps exactly its own permissions in the member account too.
/// </summary>
public static class TargetRole
{
    public const string RoleName = "sms-onboarding-target";

    /// <summary>Under the path the workflow's roles share; the member stack denies the role any change to itself.</summary>
    public const string Path = SmsRolePolicies.RolePath;

    /// <summary>The role in any account, for the step roles' sts:AssumeRole grant (tokens as in <see cref="IamGrant"/>).</summary>
    public const string AnyAccountArn = "arn:{partition}:iam::*:role" + Path + RoleName;

    /// <summary>What a step role needs to act in a member account: assume exactly this role, in any account.</summary>
    public static IamGrant Assume { get; } = StepGrants.On(AnyAccountArn, "sts:AssumeRole");

    public static string Arn(string accountId, string partition = "aws") => $"arn:{partition}:iam::{accountId}:role{Path}{RoleName}";

    /// <summary>
    /// The session name carries the onboarding id, so CloudTrail in the team's account shows which onboarding acted
    /// (STS allows 2-64 characters of [\w+=,.@-]; onboarding ids are shorter and use none outside it).
    /// </summary>
    public static string SessionName(string onboardingId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(onboardingId);
        return onboardingId.Length <= 64 ? onboardingId : onboardingId[..64];
    }

    /// <summary>The grants of <paramref name="step"/> that act on the pool's account (not the service's own tables and topic).</summary>
    public static IReadOnlyList<IamGrant> GrantsFor(StepDescriptor step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return [.. step.Permissions.Where(ActsOnTargetAccount)];
    }

    /// <summary>The target role's policy: every step's <see cref="GrantsFor"/>, each grant once.</summary>
    public static IReadOnlyList<IamGrant> Grants() =>
        [.. StepCatalog.All.SelectMany(GrantsFor).DistinctBy(Key)];

    /// <summary>Whether a step acts on the pool's account at all (and so needs <see cref="Assume"/> for a member account).</summary>
    public static bool ActsOnTargetAccount(StepDescriptor step) => GrantsFor(step).Count > 0;

    private static bool ActsOnTargetAccount(IamGrant grant) =>
        !grant.Actions.All(a => a.StartsWith("dynamodb:", StringComparison.Ordinal))
        && !grant.Resources.Contains(ReminderTopic.CatalogArn)
        && !grant.Resources.Contains(AnyAccountArn);

    private static string Key(IamGrant grant) =>
        string.Join(',', grant.Actions) + '|' + string.Join(',', grant.Resources) + '|'
        + string.Join(',', (grant.Conditions ?? new Dictionary<string, IReadOnlyDictionary<string, string>>())
            .SelectMany(c => c.Value.Select(p => $"{c.Key}:{p.Key}={p.Value}")));
}
