using System.Security.Claims;

namespace SmsOnboarding.Api.Auth;

public static class Roles
{
    public const string Requester = "requester";
    public const string Approver = "approver";
    public const string Ops = "ops";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Requester, Approver, Ops };
}

/// <summary>
/// An authenticated caller: the name is what requests and tasks are matched against. <see cref="Team"/> and its
/// <see cref="TeamAccounts"/> bound what a requester may onboard and see; <see cref="ApproverAccounts"/> bounds what an
/// approver may approve. Null means unbounded (a users file without teams, or an approver without accounts).
/// </summary>
public sealed record ApiUser(
    string Name,
    IReadOnlySet<string> Roles,
    string? Team = null,
    IReadOnlySet<string>? TeamAccounts = null,
    IReadOnlySet<string>? ApproverAccounts = null)
{
    private const string AuthenticationType = "SmsOnboarding";

    /// <summary>The caller as ASP.NET Core authorization sees it: name, roles, and the team and accounts as claims.</summary>
    public ClaimsPrincipal Principal =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, Name),
                .. Roles.Select(r => new Claim(ClaimTypes.Role, r)),
                .. Team is null ? [] : new[] { new Claim(UserClaims.Team, Team) },
                .. (TeamAccounts ?? new HashSet<string>()).Select(a => new Claim(UserClaims.TeamAccount, a)),
                .. (ApproverAccounts ?? new HashSet<string>()).Select(a => new Claim(UserClaims.ApproverAccount, a)),
            ],
            AuthenticationType, ClaimTypes.Name, ClaimTypes.Role));
}

/// <summary>The claims that carry a user's team and accounts to the authorization handler.</summary>
public static class UserClaims
{
    public const string Team = "smsonboarding:team";
    public const string TeamAccount = "smsonboarding:teamAccount";
    public const string ApproverAccount = "smsonboarding:approverAccount";

    public static string? TeamOf(ClaimsPrincipal user) => user?.FindFirst(Team)?.Value;

    /// <summary>The accounts a requester may onboard: their team's, or null (any) when they have no team.</summary>
    public static IReadOnlySet<string>? RequesterAccounts(ClaimsPrincipal user) =>
        TeamOf(user) is null ? null : user.FindAll(TeamAccount).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>The accounts an approver may approve, or null (any) when the users file limits them to none.</summary>
    public static IReadOnlySet<string>? ApproverAccounts(ClaimsPrincipal user)
    {
        var accounts = user.FindAll(ApproverAccount).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return accounts.Count == 0 ? null : accounts;
    }
}
