using SmsOnboarding.Simulator.Iam.Policies;
using SmsOnboarding.Simulator.Services.Iam;
using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator.Iam;

/// <summary>
/// The policies a role's sessions act with: its inline and attached managed policies, capped by its permissions
/// boundary, as seen by an observer (<see cref="Propagation"/>; null: the latest state).
/// </summary>
internal static class RolePermissions
{
    public static IReadOnlyList<Policy> Identity(SimulatedAccount account, IamRole role, Propagation? seenBy = null) =>
    [
        .. (seenBy?.InlinePolicies(role) ?? role.InlinePolicies).Values.Select(d => IamDocuments.TryParse(d, PolicyKind.Identity)).OfType<Policy>(),
        .. role.AttachedPolicyArns.Select(arn => Managed(account, arn)).OfType<Policy>(),
    ];

    /// <summary>Null without a boundary; a boundary that no longer parses or exists allows nothing.</summary>
    public static IReadOnlyList<Policy>? Boundary(SimulatedAccount account, IamRole role) =>
        role.PermissionsBoundaryArn is { } arn ? Managed(account, arn) is { } boundary ? [boundary] : [] : null;

    public static Policy? Trust(IamRole role, Propagation seenBy) => IamDocuments.TryParse(seenBy.TrustPolicy(role), PolicyKind.Trust);

    private static Policy? Managed(SimulatedAccount account, string arn) =>
        account.ManagedPolicies.TryGetValue(arn, out var policy) ? IamDocuments.TryParse(policy.Document, PolicyKind.Identity) : null;
}
