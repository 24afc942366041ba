using SmsOnboarding.Simulator.Iam.Policies;
using SmsOnboarding.Simulator.Services.Iam;
using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator.Iam;

/// <summary>The policies a role's sessions act with: its permissions policies, capped by its permissions boundary.</summary>
internal static class RolePermissions
{
    public static IReadOnlyList<Policy> Identity(SimulatedAccount account, IamRole role) =>
        [.. role.InlinePolicies.Values.Select(d => IamDocuments.TryParse(d, PolicyKind.Identity)).OfType<Policy>()];

    public static IReadOnlyList<Policy>? Boundary(SimulatedAccount account, IamRole role) => null;

    public static Policy? Trust(IamRole role) => IamDocuments.TryParse(role.AssumeRolePolicyDocument, PolicyKind.Trust);
}
