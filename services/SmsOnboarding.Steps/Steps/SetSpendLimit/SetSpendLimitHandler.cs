using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Aws.SimpleNotificationService.Model;
using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.Handlers;

namespace SmsOnboarding.Steps.SetSpendLimit;

/// <summary>
/// AWS raises the quota but never the limit: set MonthlySpendLimit to the requested amount and read it back.
/// Setting the same value again is harmless, so a retry needs no idempotency key.
/// </summary>
public sealed class SetSpendLimitHandler(IAwsClientFactory aws) : IStepHandler<StepInput, SpendLimitSet>
{
    public async Task<SpendLimitSet> HandleAsync(StepInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var region = input.Pool.SnsRegion;
        var requested = input.Request.MonthlySpendUsd;
        try
        {
            await aws.Sns(region).SetSMSAttributesAsync(new SetSMSAttributesRequest
            {
                Attributes = new Dictionary<string, string> { ["MonthlySpendLimit"] = SmsFacts.Usd(requested) },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.Is("InvalidParameter"))
        {
            throw StepException.Failed($"SNS in {region} refused MonthlySpendLimit = {SmsFacts.Usd(requested)} USD: {e.Message}. The approved quota is probably lower; check AWS Support's answer for the amount approved.", e);
        }
        catch (AwsServiceException e)
        {
            throw AwsCall.ToStepException("Setting MonthlySpendLimit", e);
        }

        var readBack = await SmsFacts.MonthlySpendLimitAsync(aws, region, cancellationToken).ConfigureAwait(false);
        if (readBack != requested)
        {
            throw StepException.Failed($"MonthlySpendLimit in {region} reads {SmsFacts.Usd(readBack)} USD after setting {SmsFacts.Usd(requested)} USD.");
        }

        return new SpendLimitSet(readBack);
    }
}
