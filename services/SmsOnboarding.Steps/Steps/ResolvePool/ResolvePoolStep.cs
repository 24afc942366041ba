using SmsOnboarding.Steps.Contracts;

namespace SmsOnboarding.Steps.ResolvePool;

/// <summary>Finds the pool, its account and partition, and the SNS Region its SMS must use.</summary>
public static class ResolvePoolStep
{
    public const string Name = "ResolvePool";

    public static StepDescriptor Descriptor { get; } = new StepDescriptor<ResolvePoolInput, PoolInfo>(
        Name,
        contractVersion: 1,
        StateRole.Working,
        options => new ResolvePoolJson(options),
        s => new ResolvePoolHandler(s.Aws),
        // sts:GetCallerIdentity needs no grant: "No permissions are required to perform this operation" (STS API reference).
        StepGrants.On(StepGrants.AnyUserPool, "cognito-idp:DescribeUserPool"));
}
