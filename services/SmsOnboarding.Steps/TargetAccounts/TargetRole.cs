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

    /// <summary>The step functions' setting holding the ExternalId the member stacks' trust requires (the CDK app sets it).</summary>
    public const string ExternalIdVariable = "SMS_ONBOARDING_TARGET_EXTERNAL_ID";

    /// <summary>Under the path the workflow's roles share; the member stack denies the role any change to itself.</summary>
    public const string Path = SmsRolePolicies.RolePath;

    /// <summary>The role in any account, for the step roles' sts:AssumeRole grant (tokens as in <see cref="IamGrant"/>).</summary>
    public const string AnyAccountArn = "arn:{partition}:iam::*:role" + Path + RoleName;

    /// <summary>What a step role needs to act in a member account: assume exactly this role, in any account.</summary>
    public static IamGrant Assume { get; } = StepGrants.On(AnyAccountArn, "sts:AssumeRole");

    /// <summary>
    /// What the role must never do to itself (the member stack denies them on its own ARN): its grants reach every role
    /// under the workflow's path, which includes itself.
    /// </summary>
    public static IReadOnlyList<string> SelfChangeActions { get; } =
    [
        "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy",
        "iam:PutRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary", "iam:UpdateRole", "iam:DeleteRole", "iam:TagRole", "iam:UntagRole",
    ];

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

    /// <summary>
    /// The session policy that narrows a target-role session to one step's grants in one account (at most 2,048
    /// characters, STS's limit; the catalog's largest step fits with room to spare, a test keeps it so). Regions stay
    /// open: a step reaches the pool's Region, the SNS Region and us-east-1 with one session.
    /// </summary>
    public static string SessionPolicy(IEnumerable<IamGrant> stepGrants, string partition, string accountId) =>
        IamPolicyDocument.Json(stepGrants.Where(ActsOnTargetAccount), IamPolicyDocument.Tokens(partition, "*", accountId));

    /// <summary>The grants of <paramref name="step"/> that act on the pool's account (not the service's own tables and topic).</summary>
    public static IReadOnlyList<IamGrant> GrantsFor(StepDescriptor step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return [.. step.Permissions.Where(ActsOnTargetAccount)];
    }

    /// <summary>The target role's policy: every step's <see cref="GrantsFor"/>, each grant once.</summary>
    public static IReadOnlyList<IamGrant> Grants() => Grants(step => step.Permissions);

    /// <summary>The target role's policy when each step is granted <paramref name="permissions"/> (a deployment may narrow them).</summary>
    public static IReadOnlyList<IamGrant> Grants(Func<StepDescriptor, IReadOnlyList<IamGrant>> permissions)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        return [.. StepCatalog.All.SelectMany(step => permissions(step).Where(ActsOnTargetAccount)).DistinctBy(Key)];
    }

    /// <summary>Whether a step acts on the pool's account at all (and so needs <see cref="Assume"/> for a member account).</summary>
    public static bool ActsOnTargetAccount(StepDescriptor step) => GrantsFor(step).Count > 0;

    internal static bool ActsOnTargetAccount(IamGrant grant) =>
        !grant.Actions.All(a => a.StartsWith("dynamodb:", StringComparison.Ordinal))
        && !grant.Resources.Contains(ReminderTopic.CatalogArn)
        && !grant.Resources.Contains(AnyAccountArn);

    private static string Key(IamGrant grant) =>
        string.Join(',', grant.Actions) + '|' + string.Join(',', grant.Resources) + '|'
        + string.Join(',', (grant.Conditions ?? new Dictionary<string, IReadOnlyDictionary<string, string>>())
            .SelectMany(c => c.Value.Select(p => $"{c.Key}:{p.Key}={p.Value}")));
}
