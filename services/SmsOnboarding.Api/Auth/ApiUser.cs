using System.Security.Claims;

namespace SmsOnboarding.Api.Auth;

public static class Roles
{
    public const string Requester = "requester";
    public const string Approver = "approver";
    public const string Ops = "ops";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Requester, Approver, Ops };
}

/// <summary>An authenticated caller: the name is what requests and tasks are matched against.</summary>
public sealed record ApiUser(string Name, IReadOnlySet<string> Roles)
{
    private const string AuthenticationType = "SmsOnboarding";

    /// <summary>The caller as ASP.NET Core authorization sees it: a name claim and one role claim per role.</summary>
    public ClaimsPrincipal Principal =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, Name), .. Roles.Select(r => new Claim(ClaimTypes.Role, r))],
            AuthenticationType, ClaimTypes.Name, ClaimTypes.Role));
}
