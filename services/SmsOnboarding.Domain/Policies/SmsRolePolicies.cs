using System.Text.Json.Nodes;

namespace SmsOnboarding.Domain.Policies;

/// <summary>
/// The IAM role Cognito assumes to send SMS: a trust policy on cognito-idp.amazonaws.com limited by
/// aws:SourceAccount, aws:SourceArn and sts:ExternalId, and an inline sns:Publish policy.
/// </summary>
public static class SmsRolePolicies
{
    public const string RolePath = "/sms-onboarding/";
    public const string InlinePolicyName = "sms-onboarding-sns-publish";
    public const string CognitoServicePrincipal = "cognito-idp.amazonaws.com";

    public static string UserPoolArn(string region, string accountId, string userPoolId) =>
        $"arn:{Partition(region)}:cognito-idp:{region}:{accountId}:userpool/{userPoolId}";

    /// <summary>Every pool of the account in the Region: lets one role serve several pools.</summary>
    public static string UserPoolArnWildcard(string region, string accountId) =>
        $"arn:{Partition(region)}:cognito-idp:{region}:{accountId}:userpool/*";

    /// <summary>IAM role names allow 64 characters; a pool id is at most 55.</summary>
    public static string RoleName(string userPoolId) => $"sms-{userPoolId}";

    public static string RoleArn(string accountId, string userPoolId, string partition = "aws") =>
        $"arn:{partition}:iam::{accountId}:role{RolePath}{RoleName(userPoolId)}";

    public static JsonObject TrustPolicy(string accountId, string sourceArn, string externalId) => new()
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray
        {
            new JsonObject
            {
                ["Effect"] = "Allow",
                ["Principal"] = new JsonObject { ["Service"] = CognitoServicePrincipal },
                ["Action"] = "sts:AssumeRole",
                ["Condition"] = new JsonObject
                {
                    ["StringEquals"] = new JsonObject
                    {
                        ["aws:SourceAccount"] = accountId,
                        ["sts:ExternalId"] = externalId,
                    },
                    ["ArnLike"] = new JsonObject { ["aws:SourceArn"] = sourceArn },
                },
            },
        },
    };

    /// <summary>
    /// Resource "*" because SNS Publish to a phone number has no resource ARN; Cognito also insists on
    /// an inline policy holding exactly this action (CDK's user-pool construct notes the same).
    /// </summary>
    public static JsonObject PublishPolicy() => new()
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray
        {
            new JsonObject
            {
                ["Effect"] = "Allow",
                ["Action"] = "sns:Publish",
                ["Resource"] = "*",
            },
        },
    };

    private static string Partition(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
        : "aws";
}
