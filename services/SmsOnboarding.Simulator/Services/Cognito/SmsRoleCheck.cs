using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SmsOnboarding.Simulator.Protocol;
using SmsOnboarding.Simulator.Iam;
using SmsOnboarding.Simulator.Iam.Policies;
using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator.Services.Cognito;

/// <summary>
/// What Cognito checks when it is given an SmsConfiguration: it assumes the role as cognito-idp.amazonaws.com
/// (passing the ExternalId, the account and the pool ARN as condition keys: aws:SourceAccount, aws:SourceArn,
/// sts:ExternalId) and needs sns:Publish from the role's permissions, within its boundary.
/// </summary>
internal static partial class SmsRoleCheck
{
    public const string CognitoPrincipal = "cognito-idp.amazonaws.com";

    public static void Validate(SimulatedAccount account, UserPool pool, JsonObject smsConfiguration)
    {
        if (Json.OptObject(smsConfiguration, "EumsSms") is not null && Json.OptString(smsConfiguration, "SnsCallerArn") is null)
        {
            throw new AwsServiceException("InvalidParameterException", "The simulated account supports SmsConfiguration with SnsCallerArn only (EumsSms is not simulated).");
        }
        var roleArn = Json.OptString(smsConfiguration, "SnsCallerArn")
            ?? throw new AwsServiceException("InvalidParameterException", "1 validation error detected: Value null at 'smsConfiguration.snsCallerArn' failed to satisfy constraint: Member must not be null");
        if (Json.OptString(smsConfiguration, "SnsRegion") is { } snsRegion && !Region().IsMatch(snsRegion))
        {
            throw new AwsServiceException("InvalidParameterException", $"SnsRegion '{snsRegion}' is not a valid Region.");
        }
        var problem = Problem(account, pool, smsConfiguration, roleArn);
        if (problem is not null)
        {
            throw problem;
        }
    }

    /// <summary>The failure DescribeUserPool reports for a stored configuration, or null when the role still works.</summary>
    public static string? CurrentFailure(SimulatedAccount account, UserPool pool, JsonObject smsConfiguration) =>
        Json.OptString(smsConfiguration, "SnsCallerArn") is { } roleArn
            ? Problem(account, pool, smsConfiguration, roleArn)?.Code
            : null;

    private static AwsServiceException? Problem(SimulatedAccount account, UserPool pool, JsonObject smsConfiguration, string roleArn)
    {
        var trustError = new AwsServiceException("InvalidSmsRoleTrustRelationshipException",
            "Role does not have a trust relationship allowing Cognito to assume the role");
        // Cognito sees IAM changes only once they have propagated: a role minutes old is the usual trust error (AWS-FACTS-2 §6).
        var seenBy = Propagation.RoleAssumption(account);
        var match = RoleArn().Match(roleArn);
        if (!match.Success || match.Groups["account"].Value != account.AccountId ||
            !account.Roles.TryGetValue(match.Groups["name"].Value, out var role) || role.Arn(account.AccountId) != roleArn || !seenBy.Sees(role))
        {
            return trustError;
        }
        var arn = role.Arn(account.AccountId);
        var keys = new List<(string, string)> { ("aws:SourceAccount", account.AccountId), ("aws:SourceArn", pool.Arn(account.AccountId)) };
        if (Json.OptString(smsConfiguration, "ExternalId") is { Length: > 0 } externalId)
        {
            keys.Add(("sts:ExternalId", externalId));
        }
        var assume = new AccessRequest("sts:AssumeRole", arn, Caller.Service(CognitoPrincipal), AccessRequest.Keys([.. keys]));
        if (RolePermissions.Trust(role, seenBy) is not { } trust || !PolicyEvaluator.AuthorizeAssumeRole(trust, [], null, assume).Allowed)
        {
            return trustError;
        }
        // Publishing SMS to a phone number has no resource ARN: the action is judged on "*".
        var session = Caller.Aws(account.AccountId, $"arn:aws:sts::{account.AccountId}:assumed-role/{role.RoleName}/CognitoIdentityProvider", arn);
        var publish = new AccessRequest("sns:Publish", "*", session, AccessRequest.Keys());
        return PolicyEvaluator.Authorize(RolePermissions.Identity(account, role, seenBy), RolePermissions.Boundary(account, role), publish).Allowed
            ? null
            : new AwsServiceException("InvalidSmsRoleAccessPolicyException", "Role does not have permission to publish with SNS");
    }

    [GeneratedRegex("^arn:aws[a-z-]*:iam::(?<account>[0-9]{12}):role/(?:[\\w+=,.@/-]*/)?(?<name>[\\w+=,.@-]+)$")]
    private static partial Regex RoleArn();

    [GeneratedRegex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$")]
    private static partial Regex Region();
}
