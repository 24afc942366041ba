using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Aws.CognitoIdentityProvider.Model;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Domain.Planning;
using SmsOnboarding.Domain.Requests;
using SmsOnboarding.Steps;
using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.Handlers;

namespace SmsOnboarding.Api.Aws;

/// <summary>
/// Observes the account through the same wire reads the workflow's check steps make. A fact AWS will not tell
/// (no permission, throttled, unreachable) stays unknown: the dry-run plan then keeps that step conditional
/// instead of failing the request, and the check step reports the real error when the workflow reaches it.
/// </summary>
public sealed class AwsFactsProbe(IAwsClientFactory aws) : IFactsProbe
{
    public async Task<ObservedFacts> ObserveAsync(OnboardingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var poolExists = await TryAsync(() => PoolExistsAsync(request, cancellationToken)).ConfigureAwait(false);
        var region = request.ResolvedSnsRegion;
        var inSandbox = await TryAsync(() => SmsFacts.InSandboxAsync(aws, region, cancellationToken)).ConfigureAwait(false);
        var approved = await TryAsync(() => SmsFacts.ApprovedSpendQuotaAsync(aws, region, cancellationToken)).ConfigureAwait(false);
        var limit = await TryAsync(() => SmsFacts.MonthlySpendLimitAsync(aws, region, cancellationToken)).ConfigureAwait(false);
        var origination = request.SendsToUnitedStates
            ? await TryAsync(async () => await SmsFacts.ActiveUsOriginationAsync(aws, region, cancellationToken).ConfigureAwait(false) is not null).ConfigureAwait(false)
            : null;
        return new ObservedFacts(InSandbox: inSandbox, HasOriginationIdentity: origination, SpendLimitUsd: limit, ApprovedSpendQuotaUsd: approved, UserPoolExists: poolExists);
    }

    /// <summary>The same DescribeUserPool the workflow's ResolvePool step makes; only "not found" is a no.</summary>
    private async Task<bool> PoolExistsAsync(OnboardingRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await aws.Cognito(request.PoolRegion).DescribeUserPoolAsync(new DescribeUserPoolRequest { UserPoolId = request.UserPoolId }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AwsServiceException e) when (e.Is("ResourceNotFoundException"))
        {
            return false;
        }
        catch (AwsServiceException e)
        {
            throw AwsCall.ToStepException($"Describing user pool {request.UserPoolId}", e);
        }
    }

    private static async Task<T?> TryAsync<T>(Func<Task<T>> read)
        where T : struct
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception e) when (e is StepException or HttpRequestException or TimeoutException)
        {
            return null;
        }
    }
}
