using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.Handlers;

namespace SmsOnboarding.Steps.CheckSpend;

/// <summary>Requested spend vs. approved quota vs. current limit in the SNS Region (all three are per Region).</summary>
public sealed class CheckSpendHandler(IAwsClientFactory aws) : IStepHandler<StepInput, SpendCheck>
{
    public async Task<SpendCheck> HandleAsync(StepInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var region = input.Pool.SnsRegion;
        var requested = input.Request.MonthlySpendUsd;
        var approved = await SmsFacts.ApprovedSpendQuotaAsync(aws, region, cancellationToken).ConfigureAwait(false);
        var current = await SmsFacts.MonthlySpendLimitAsync(aws, region, cancellationToken).ConfigureAwait(false);
        var action = requested > approved ? "requestIncrease" : current < requested ? "setLimit" : "none";
        return new SpendCheck(action, requested, current, approved);
    }
}
