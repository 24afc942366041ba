using SmsOnboarding.Simulator.Scenarios;
using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator;

/// <summary>
/// The simulated partition as an organisation: this account (the local key's, the root of the simulation) and the
/// member accounts its scenario lists. Each member is a whole account of its own; they share one gate, clock and
/// state file with the root, so a request that crosses accounts (STS AssumeRole) sees one consistent moment.
/// </summary>
public sealed partial class SimulatedAccount
{
    /// <summary>
    /// The role AWS Organizations creates in an account it creates: AdministratorAccess, trusted by the management
    /// account ("Accessing a member account that has a management account access role", AWS Organizations User Guide).
    /// The simulation's root stands for the management account; a local deployment deploys the member side through it.
    /// </summary>
    public const string OrganizationAccessRoleName = "OrganizationAccountAccessRole";

    private readonly Dictionary<string, SimulatedAccount> _members = new(StringComparer.Ordinal);

    /// <summary>The account whose key the README gives (itself, for the root).</summary>
    internal SimulatedAccount Root { get; }

    /// <summary>The organisation's id (aws:PrincipalOrgID), or null when the scenario has no organisation.</summary>
    public string? OrganizationId => Root.CurrentScenario.Organization?.Id;

    /// <summary>The member accounts, by id (empty for a member, and when the scenario has no organisation).</summary>
    public IReadOnlyDictionary<string, SimulatedAccount> Members
    {
        get
        {
            lock (Gate)
            {
                return new Dictionary<string, SimulatedAccount>(_members, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>An account of the organisation by id: the root or a member; null for any other account.</summary>
    public SimulatedAccount? AccountById(string accountId) =>
        accountId == Root.AccountId ? Root : Root._members.GetValueOrDefault(accountId);

    /// <summary>The root and every member (call with <see cref="Gate"/> held).</summary>
    internal IEnumerable<SimulatedAccount> OrganizationAccounts => [Root, .. Root._members.Values];

    public string OrganizationAccessRoleArn => $"arn:aws:iam::{AccountId}:role/{OrganizationAccessRoleName}";

    private void AddMembers(SimulatorScenario scenario)
    {
        foreach (var member in scenario.Organization?.Accounts ?? [])
        {
            AddMember(member);
        }
    }

    private void AddMember(MemberAccount member)
    {
        var account = new SimulatedAccount(member.Scenario, Time, member.AccountId, this);
        account.Roles[OrganizationAccessRoleName] = new IamRole
        {
            RoleName = OrganizationAccessRoleName,
            Path = "/",
            RoleId = "AROA" + account.NewId(17, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
            CreateDate = Now.AddDays(-1),
            AssumeRolePolicyDocument =
                $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{AccountId}}:root"},"Action":"sts:AssumeRole"}]}""",
        };
        account.Roles[OrganizationAccessRoleName].InlinePolicies["AdministratorAccess"] =
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";
        _members[member.AccountId] = account;
    }
}
