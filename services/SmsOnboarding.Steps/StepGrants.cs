namespace SmsOnboarding.Steps;

/// <summary>The grants several steps share, so each descriptor states its permissions in AWS's own terms.</summary>
public static class StepGrants
{
    /// <summary>Managed policy every created SMS role must carry as its permissions boundary (infra creates it).</summary>
    public const string SmsRoleBoundaryPolicyName = "sms-onboarding-sms-role-boundary";

    /// <summary>Roles the workflow creates live under SmsRolePolicies.RolePath; IAM grants are limited to it.</summary>
    public const string ManagedRoles = "arn:{partition}:iam::{account}:role/sms-onboarding/*";
    /// <summary>
    /// A role that does not exist yet has no path, so IAM can only judge a read of it on <c>role/NAME</c> (AWS does
    /// not document this; the simulated account judges it so): without this, EnsureSmsRole's first GetRole of a new
    /// pool's role is AccessDenied instead of NoSuchEntity. Read-only, and only roles named like ours.
    /// </summary>
    public const string ManagedRoleNames = "arn:{partition}:iam::{account}:role/sms-*";

    public const string BoundaryArn = "arn:{partition}:iam::{account}:policy/" + SmsRoleBoundaryPolicyName;
    public const string AnyUserPool = "arn:{partition}:cognito-idp:*:{account}:userpool/*";

    public static readonly IamGrant IdempotencyTable = new(
        ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
        ["arn:{partition}:dynamodb:{region}:{account}:table/sms-onboarding-idempotency"]);

    public static readonly IamGrant HumanTaskTable = new(
        ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query"],
        ["arn:{partition}:dynamodb:{region}:{account}:table/sms-onboarding-human-tasks",
         "arn:{partition}:dynamodb:{region}:{account}:table/sms-onboarding-human-tasks/index/*"]);

    private static readonly string[] Everything = ["*"];

    /// <summary>
    /// SNS SMS, SMS Voice v2 account-level, Support and Service Quotas actions have no
    /// resource-level permissions, so "*" is the least privilege IAM can express for them.
    /// </summary>
    public static IamGrant Any(params string[] actions) => new(actions, Everything);

    public static IamGrant On(string resource, params string[] actions) => new(actions, [resource]);

    /// <summary>A grant that applies only when <paramref name="key"/> equals <paramref name="value"/>.</summary>
    public static IamGrant When(IamGrant grant, string key, string value)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return grant with
        {
            Conditions = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["StringEquals"] = new Dictionary<string, string> { [key] = value },
            },
        };
    }
}
