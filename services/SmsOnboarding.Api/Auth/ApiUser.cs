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
    public bool Is(string role) => Roles.Contains(role);
}
