using System.Text.RegularExpressions;
using SmsOnboarding.Simulator.Iam;
using SmsOnboarding.Simulator.Iam.Policies;
using SmsOnboarding.Simulator.Protocol;
using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator.Services.Sts;

internal sealed record AssumeRoleInput(string RoleArn, string RoleSessionName, int? DurationSeconds, string? ExternalId, string? SessionPolicy);

/// <summary>
/// STS AssumeRole (STS API reference): the role's trust policy must trust the caller (with its conditions, e.g.
/// sts:ExternalId) and, when it trusts only the caller's account, the caller's own policies must allow
/// sts:AssumeRole on the role. The session then acts with the role's policies until it expires.
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
        if (input.SessionPolicy is not null)
        {
            throw Validation("Session policies (Policy, PolicyArns) are not simulated: the simulated account would not cap the session by them.");
        }
        var seenBy = Propagation.RoleAssumption(account);
        var role = RoleOf(account, input.RoleArn) is { } found && seenBy.Sees(found) ? found : null;
        var keys = new List<(string, string)> { ("sts:RoleSessionName", input.RoleSessionName) };
        if (input.ExternalId is not null)
        {
            keys.Add(("sts:ExternalId", input.ExternalId));
        }
        var request = new AccessRequest("sts:AssumeRole", input.RoleArn, caller.Caller, ActionCatalog.Context(caller, "us-east-1", keys));
        var decision = role is null || RolePermissions.Trust(role, seenBy) is not { } trust
            ? new Decision(false, "because no resource-based policy allows the sts:AssumeRole action")
            : PolicyEvaluator.AuthorizeAssumeRole(trust, caller.Policies(account), caller.Boundary(account), request);
        account.RecordDecision(caller.Arn, "sts:AssumeRole", decision.Allowed);
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
        return Mint(account, role!, input.RoleSessionName, now, now.AddSeconds(duration));
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

    private static RoleSession Mint(SimulatedAccount account, IamRole role, string sessionName, DateTimeOffset now, DateTimeOffset expiration)
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
            expiration);
        account.Sessions[session.AccessKeyId] = session;
        return session;
    }

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
