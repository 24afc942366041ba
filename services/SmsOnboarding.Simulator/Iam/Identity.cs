using SmsOnboarding.Simulator.Iam.Policies;
using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator.Iam;

/// <summary>
/// Who a request acts as: the account's IAM user behind the fixed local key (AdministratorAccess), a user of the
/// users file (<see cref="UserAccessKey"/>), or a role session from STS AssumeRole, acting with its role's policies
/// as they are when the request is judged.
/// </summary>
internal sealed record Identity(string Arn, string UserId, Caller Caller, RoleSession? Session, IReadOnlyList<Policy>? UserPolicies = null)
{
    /// <summary>The AWS managed policy AdministratorAccess: the local user keeps full access so the README's credentials work.</summary>
    public static readonly Policy AdministratorAccess = Policy.Parse(
        """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""", PolicyKind.Identity);

    public static Identity LocalUser(string accountId) => new(SimulatorCredentials.UserArn, SimulatorCredentials.UserId,
        Caller.Aws(accountId, SimulatorCredentials.UserArn), null);

    public static Identity User(string accountId, UserAccessKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var arn = $"arn:aws:iam::{accountId}:user/{key.IamUserName}";
        return new(arn, key.UserId, Caller.Aws(accountId, arn), null, key.Administrator ? [AdministratorAccess] : []);
    }

    public static Identity Of(RoleSession session, string accountId) => new(session.Arn(accountId), $"{session.RoleId}:{session.SessionName}",
        Caller.Aws(accountId, session.Arn(accountId), session.RoleArn), session);

    public IReadOnlyList<Policy> Policies(SimulatedAccount account) =>
        Session is null ? UserPolicies ?? [AdministratorAccess]
        : account.Roles.TryGetValue(Session.RoleName, out var role) && role.RoleId == Session.RoleId ? RolePermissions.Identity(account, role)
        : [];

    /// <summary>The session policy a session was issued with; null when there is none (nothing narrows the role's policies).</summary>
    public IReadOnlyList<Policy>? SessionPolicy => Session?.SessionPolicy is { } document ? [Policy.Parse(document, PolicyKind.Identity)] : null;

    public IReadOnlyList<Policy>? Boundary(SimulatedAccount account) =>
        Session is not null && account.Roles.TryGetValue(Session.RoleName, out var role) ? RolePermissions.Boundary(account, role) : null;
}
