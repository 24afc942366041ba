using SmsOnboarding.Aws.PinpointSMSVoiceV2;
using SmsOnboarding.Aws.SimpleNotificationService;
using SmsOnboarding.Aws.SimpleNotificationService.Model;
using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.Handlers;
using DescribePhoneNumbersRequest = SmsOnboarding.Aws.PinpointSMSVoiceV2.Model.DescribePhoneNumbersRequest;

namespace SmsOnboarding.Api.Accounts;

/// <summary>
/// Reads an account's facts with the same typed clients and reads the workflow's check steps use. The clients of an
/// account come from <c>clientsFor</c> (async, so it may open a session in the account's target role, decision 0025):
/// the service's own account's clients, or a member's. Each fact is read on its own, so one refusal leaves the others
/// readable.
/// </summary>
public sealed class AwsAccountFacts(Func<string, CancellationToken, Task<IAwsClientFactory>> clientsFor) : IAccountFacts
{
    /// <summary>Clients for the service's own account only; any other account is not reachable from this host yet.</summary>
    public static Func<string, CancellationToken, Task<IAwsClientFactory>> ServiceAccountOnly(string serviceAccountId, IAwsClientFactory own) =>
        (accountId, _) => accountId == serviceAccountId
            ? Task.FromResult(own)
            : throw new AccountNotReachableException($"the service does not act in account {accountId} (only in its own, {serviceAccountId})");

    public async Task<AccountFacts> ReadAsync(string accountId, string snsRegion, CancellationToken cancellationToken)
    {
        IAwsClientFactory aws;
        try
        {
            aws = await clientsFor(accountId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return AccountFacts.Unknown(e.Message);
        }
        var inSandbox = ReadValueAsync(() => SmsFacts.InSandboxAsync(aws, snsRegion, cancellationToken));
        var limit = ReadValueAsync(() => SmsFacts.MonthlySpendLimitAsync(aws, snsRegion, cancellationToken));
        var quota = ReadValueAsync(() => SmsFacts.ApprovedSpendQuotaAsync(aws, snsRegion, cancellationToken));
        var originations = ReadAsync(() => OriginationsAsync(aws, snsRegion, cancellationToken));
        return new AccountFacts(await inSandbox.ConfigureAwait(false), await limit.ConfigureAwait(false), await quota.ConfigureAwait(false),
            await originations.ConfigureAwait(false));
    }

    private static async Task<IReadOnlyList<OriginationIdentity>> OriginationsAsync(IAwsClientFactory aws, string snsRegion, CancellationToken ct)
    {
        var sns = await AwsCall.Run("Listing origination numbers", () =>
            aws.Sns(snsRegion).ListOriginationNumbersAllAsync(new ListOriginationNumbersRequest(), ct).ToListAsync(ct).AsTask()).ConfigureAwait(false);
        var eum = await AwsCall.Run("Describing End User Messaging phone numbers", () =>
            aws.SmsVoice(snsRegion).DescribePhoneNumbersAllAsync(new DescribePhoneNumbersRequest(), ct).ToListAsync(ct).AsTask()).ConfigureAwait(false);
        // One number can show in both listings (SNS lists End User Messaging's numbers too): End User Messaging's says more.
        var identities = eum.Where(n => n.PhoneNumber is not null)
            .Select(n => new OriginationIdentity(n.PhoneNumber!, n.IsoCountryCode, n.NumberType, n.Status, "sms-voice"))
            .ToList();
        identities.AddRange(sns.Where(n => n.PhoneNumber is not null && identities.All(i => i.PhoneNumber != n.PhoneNumber))
            .Select(n => new OriginationIdentity(n.PhoneNumber!, n.Iso2CountryCode, n.RouteType, n.Status, "sns")));
        return identities;
    }

    // Whatever stops a read (AWS refusing, no credentials for that account, the network) makes that fact unknown with
    // its reason; the view must still show the rest.
    private static async Task<ValueFact<T>> ReadValueAsync<T>(Func<Task<T>> read)
        where T : struct
    {
        try
        {
            return ValueFact<T>.Known(await read().ConfigureAwait(false));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ValueFact<T>.NotRead(e.Message);
        }
    }

    private static async Task<Fact<T>> ReadAsync<T>(Func<Task<T>> read)
        where T : class
    {
        try
        {
            return Fact<T>.Known(await read().ConfigureAwait(false));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Fact<T>.NotRead(e.Message);
        }
    }
}

/// <summary>The service has no way (yet) to act in the account asked about.</summary>
public sealed class AccountNotReachableException(string message) : Exception(message);
