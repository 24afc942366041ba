using System.Text.RegularExpressions;
using SmsOnboarding.Simulator.Iam;
using SmsOnboarding.Simulator.Iam.Policies;
using SmsOnboarding.Simulator.Protocol;
using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator.Services.Sts;

internal sealed record AssumeRoleInput(string RoleArn, string RoleSessionName, int? DurationSeconds, string? ExternalId, string? SessionPolicy);

/// <summary>
/// STS AssumeRole (STS API reference): the role's trust policy must trust the caller (with its conditions, e.g.
/// sts:ExternalId) and, when it trusts only the caller's account or the role is in another account, the caller's own
/// policies must allow sts:AssumeRole on the role ("Cross-account policy evaluation logic", IAM User Guide). The
/// session then acts in the role's account with the role's policies, narrowed by a session policy, until it expires.
/// </summary>
internal static partial class RoleSessions
{
    private const string KeyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static RoleSession Issue(SimulatedAccount account, Identity caller, AssumeRoleInput input, DateTimeOffset now)
    {
        if (!SessionName().IsMatch(input.RoleSessionName))
        {
            throw Validation($"Value '{input.RoleSessionName}' at 'roleSessionName' failed to satisfy constraint: Member must have length between 2 and 64 and satisfy regular expression pattern: [\\w+=,.@-]*");
        }
        if (input.ExternalId is { } externalId && !ExternalId().IsMatch(externalId))
        {
            throw Validation($"Value '{externalId}' at 'externalId' failed to satisfy constraint: Member must have length between 2 and 1224 and satisfy regular expression pattern: [\\w+=,.@:\\/-]*");
        }
        var sessionPolicy = input.SessionPolicy is { } document ? SessionPolicy(document) : null;
        // The role may live in another account of the organisation; the caller's own policies are judged in its account.
        var owner = RoleArn().Match(input.RoleArn) is { Success: true } arn ? account.AccountById(arn.Groups["account"].Value) : null;
        var seenBy = owner is null ? null : Propagation.RoleAssumption(owner);
        var role = owner is not null && RoleOf(owner, input.RoleArn) is { } found && seenBy!.Sees(found) ? found : null;
        var keys = new List<(string, string)> { ("sts:RoleSessionName", input.RoleSessionName) };
        if (input.ExternalId is not null)
        {
            keys.Add(("sts:ExternalId", input.ExternalId));
        }
        var request = new AccessRequest("sts:AssumeRole", input.RoleArn, caller.Caller, ActionCatalog.Context(caller, "us-east-1", keys, account.OrganizationId));
        var decision = role is null || RolePermissions.Trust(role, seenBy!) is not { } trust
            ? new Decision(false, "because no resource-based policy allows the sts:AssumeRole action")
            : PolicyEvaluator.AuthorizeAssumeRole(trust, caller.Policies(account), caller.Boundary(account), request, crossAccount: owner != account);
        account.RecordDecision(caller.Arn, "sts:AssumeRole", decision.Allowed);
        if (owner is not null && owner != account)
        {
            // CloudTrail records a cross-account AssumeRole in both accounts.
            owner.RecordDecision(caller.Arn, "sts:AssumeRole", decision.Allowed);
        }
        if (!decision.Allowed)
        {
            throw Authorizer.Denied("sts", caller, "sts:AssumeRole", input.RoleArn, decision.Reason);
        }
        // Role chaining (a session assuming a role) is capped at one hour (IAM User Guide, "Role chaining").
        var maximum = caller.Session is null ? role!.MaxSessionDuration : 3600;
        var duration = input.DurationSeconds ?? 3600;
        if (duration < 900 || duration > 43200)
        {
            throw Validation($"Value '{duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200");
        }
        if (duration > maximum)
        {
            throw new AwsServiceException("ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        return Mint(owner!, role!, input.RoleSessionName, now, now.AddSeconds(duration), sessionPolicy);
    }

    /// <summary>
    /// An inline session policy (AssumeRole's Policy): at most 2,048 characters of \u0009, \u000A, \u000D and
    /// \u0020-\u00FF (the STS model), refused as MalformedPolicyDocument when IAM would not read it. The session then acts
    /// with the intersection of the role's policies and this one (IAM User Guide, "Session policies").
    /// </summary>
    private static string SessionPolicy(string document)
    {
        if (document.Length is < 1 or > 2048 || document.Any(c => c is not ('\t' or '\n' or '\r') and (< ' ' or > '\u00FF')))
        {
            throw Validation("Value at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048 and satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");
        }
        try
        {
            Policy.Parse(document, PolicyKind.Identity);
        }
        catch (PolicyFormatException e)
        {
            throw new AwsServiceException("MalformedPolicyDocument", e.Message);
        }
        return document;
    }

    /// <summary>
    /// A service assuming a role on its own behalf, as Lambda assumes a function's execution role ("Lambda
    /// execution role", Lambda Developer Guide): only the trust policy is judged, with the service principal as
    /// the caller. The session lasts one hour (a guess: AWS does not document the length of Lambda's sessions).
    /// </summary>
    public static RoleSession IssueForService(SimulatedAccount account, string servicePrincipal, string roleArn, string sessionName, DateTimeOffset now) =>
        RoleTrusting(account, servicePrincipal, roleArn) is { } role
            ? Mint(account, role, sessionName, now, now.AddHours(1))
            : throw new AwsServiceException("AccessDenied", $"{servicePrincipal} is not authorized to perform: sts:AssumeRole on resource: {roleArn}", 403);

    /// <summary>The role, if its trust policy (as far as it has propagated) lets the service assume it.</summary>
    public static IamRole? RoleTrusting(SimulatedAccount account, string servicePrincipal, string roleArn)
    {
        var seenBy = Propagation.RoleAssumption(account);
        var role = RoleOf(account, roleArn) is { } found && seenBy.Sees(found) ? found : null;
        var request = new AccessRequest("sts:AssumeRole", roleArn, Caller.Service(servicePrincipal), AccessRequest.Keys());
        return role is not null && RolePermissions.Trust(role, seenBy) is { } trust && PolicyEvaluator.AuthorizeAssumeRole(trust, [], null, request).Allowed
            ? role
            : null;
    }

    private static RoleSession Mint(SimulatedAccount account, IamRole role, string sessionName, DateTimeOffset now, DateTimeOffset expiration,
        string? sessionPolicy = null)
    {
        // An expired session is kept a day, so a late request with it is refused as ExpiredToken, then forgotten (a
        // guess: AWS does not say how long it recognises an expired token); a months-long local run stays small.
        foreach (var stale in account.Sessions.Where(s => s.Value.Expiration < now.AddDays(-1)).Select(s => s.Key).ToList())
        {
            account.Sessions.Remove(stale);
        }
        var session = new RoleSession(
            "ASIA" + account.NewId(16, KeyAlphabet),
            account.NewId(40, SecretAlphabet),
            "IQoJb3JpZ2luX2VjE" + account.NewId(340, SecretAlphabet),
            role.RoleName,
            role.RoleId,
            role.Arn(account.AccountId),
            sessionName,
            expiration)
        { SessionPolicy = sessionPolicy };
        account.Sessions[session.AccessKeyId] = session;
        return session;
    }

    public static bool Visible(SimulatedAccount account, string roleArn) =>
        RoleOf(account, roleArn) is { } role && Propagation.RoleAssumption(account).Sees(role) && RolePermissions.Trust(role, Propagation.RoleAssumption(account)) is not null;

    private static IamRole? RoleOf(SimulatedAccount account, string roleArn)
    {
        var match = RoleArn().Match(roleArn);
        return match.Success && match.Groups["account"].Value == account.AccountId
            && account.Roles.TryGetValue(match.Groups["name"].Value, out var role) && role.Arn(account.AccountId) == roleArn
            ? role
            : null;
    }

    private static AwsServiceException Validation(string message) => new("ValidationError", "1 validation error detected: " + message);

    [GeneratedRegex("^[\\w+=,.@-]{2,64}$")]
    private static partial Regex SessionName();

    [GeneratedRegex("^[\\w+=,.@:\\/-]{2,1224}$")]
    private static partial Regex ExternalId();

    [GeneratedRegex("^arn:aws:iam::(?<account>[0-9]{12}):role/(?:[\\w+=,.@/-]*/)?(?<name>[\\w+=,.@-]+)$")]
    private static partial Regex RoleArn();
}
