using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.Handlers;

namespace SmsOnboarding.Steps.CheckSandbox;

/// <summary>The sandbox is per account and Region: ask the pool's SNS Region.</summary>
public sealed class CheckSandboxHandler(IAwsClientFactory aws) : IStepHandler<StepInput, SandboxStatus>
{
    public async Task<SandboxStatus> HandleAsync(StepInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new SandboxStatus(await SmsFacts.InSandboxAsync(aws, input.Pool.SnsRegion, cancellationToken).ConfigureAwait(false));
    }
}
