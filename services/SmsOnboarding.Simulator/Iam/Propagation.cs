using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator.Iam;

/// <summary>
/// What a reader sees of a role when IAM changes take <c>delay</c> to reach it ("Changes that I make are not always
/// immediately visible", IAM User Guide troubleshooting): a new role does not exist yet, a changed policy still
/// reads as before. Writes always act on the latest state (a second CreateRole is EntityAlreadyExists at once).
/// Only the last change per policy is remembered: two changes within one delay read as the older state, then the newest.
/// </summary>
internal sealed record Propagation(DateTimeOffset Now, TimeSpan Delay)
{
    public static Propagation Reads(SimulatedAccount account) =>
        new(account.Now, TimeSpan.FromSeconds(account.CurrentScenario.IamPropagation.ReadSeconds));

    public static Propagation RoleAssumption(SimulatedAccount account) =>
        new(account.Now, TimeSpan.FromSeconds(account.CurrentScenario.IamPropagation.RoleAssumptionSeconds));

    /// <summary>No delay: what the account itself holds.</summary>
    public static Propagation Latest(SimulatedAccount account) => new(account.Now, TimeSpan.Zero);

    public bool Sees(IamRole role) => Now >= role.CreateDate + Delay;

    public string TrustPolicy(IamRole role) =>
        role.TrustChange is { Previous: { } previous } change && Pending(change) ? previous : role.AssumeRolePolicyDocument;

    public IReadOnlyDictionary<string, string> InlinePolicies(IamRole role)
    {
        var seen = new SortedDictionary<string, string>(role.InlinePolicies, StringComparer.Ordinal);
        foreach (var (name, change) in role.InlinePolicyChanges.Where(c => Pending(c.Value)))
        {
            if (change.Previous is null)
            {
                seen.Remove(name);
            }
            else
            {
                seen[name] = change.Previous;
            }
        }
        return seen;
    }

    /// <summary>Records a trust policy write; the slowest reader's view becomes the "before".</summary>
    public static void ChangeTrust(SimulatedAccount account, IamRole role, string document)
    {
        role.TrustChange = new PendingChange(Slowest(account).TrustPolicy(role), account.Now);
        role.AssumeRolePolicyDocument = document;
    }

    public static void ChangeInline(SimulatedAccount account, IamRole role, string name, string document)
    {
        role.InlinePolicyChanges[name] = new PendingChange(Slowest(account).InlinePolicies(role).GetValueOrDefault(name), account.Now);
        role.InlinePolicies[name] = document;
    }

    private bool Pending(PendingChange change) => Now < change.ChangedAt + Delay;

    private static Propagation Slowest(SimulatedAccount account)
    {
        var (reads, assumption) = (Reads(account), RoleAssumption(account));
        return reads.Delay >= assumption.Delay ? reads : assumption;
    }
}
