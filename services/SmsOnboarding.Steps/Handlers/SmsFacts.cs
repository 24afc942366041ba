using System.Globalization;
using SmsOnboarding.Aws.PinpointSMSVoiceV2;
using SmsOnboarding.Aws.SimpleNotificationService;
using SmsOnboarding.Aws.SimpleNotificationService.Model;
using SmsOnboarding.Steps.Aws;
using DescribePhoneNumbersRequest = SmsOnboarding.Aws.PinpointSMSVoiceV2.Model.DescribePhoneNumbersRequest;
using DescribeSpendLimitsRequest = SmsOnboarding.Aws.PinpointSMSVoiceV2.Model.DescribeSpendLimitsRequest;
using PhoneNumberFilter = SmsOnboarding.Aws.PinpointSMSVoiceV2.Model.PhoneNumberFilter;

namespace SmsOnboarding.Steps.Handlers;

/// <summary>Reads of the account's SMS state in one Region, shared by the steps that decide and the steps that verify.</summary>
public static class SmsFacts
{
    public const string SpendLimitName = "TEXT_MESSAGE_MONTHLY_SPEND_LIMIT";

    public static async Task<bool> InSandboxAsync(IAwsClientFactory aws, string snsRegion, CancellationToken ct)
    {
        var status = await AwsCall.Run("Reading the SMS sandbox status", () =>
            aws.Sns(snsRegion).GetSMSSandboxAccountStatusAsync(new GetSMSSandboxAccountStatusRequest(), ct)).ConfigureAwait(false);
        return status.IsInSandbox ?? true;
    }

    public static async Task<string?> SandboxNumberStatusAsync(IAwsClientFactory aws, string snsRegion, string phoneNumber, CancellationToken ct) =>
        (await SandboxNumbersAsync(aws, snsRegion, ct).ConfigureAwait(false)).FirstOrDefault(n => n.PhoneNumber == phoneNumber)?.Status;

    /// <summary>The account's SMS sandbox destination list in the Region ("you can add up to 10", SNS Developer Guide).</summary>
    public static async Task<IReadOnlyList<SMSSandboxPhoneNumber>> SandboxNumbersAsync(IAwsClientFactory aws, string snsRegion, CancellationToken ct) =>
        await AwsCall.Run("Listing SMS sandbox numbers", () =>
            aws.Sns(snsRegion).ListSMSSandboxPhoneNumbersAllAsync(new ListSMSSandboxPhoneNumbersRequest(), ct).ToListAsync(ct).AsTask()).ConfigureAwait(false);

    /// <summary>How many destination numbers the SMS sandbox of one account and Region holds (SNS Developer Guide, "Adding and verifying phone numbers in the SMS sandbox").</summary>
    public const int SandboxCapacity = 10;

    /// <summary>The monthly spend AWS has approved for the Region (End User Messaging's MaxLimit).</summary>
    public static async Task<decimal> ApprovedSpendQuotaAsync(IAwsClientFactory aws, string snsRegion, CancellationToken ct)
    {
        var limits = await AwsCall.Run("Reading the approved SMS spend quota", () =>
            aws.SmsVoice(snsRegion).DescribeSpendLimitsAllAsync(new DescribeSpendLimitsRequest(), ct).ToListAsync(ct).AsTask()).ConfigureAwait(false);
        var text = limits.FirstOrDefault(l => l.Name == SpendLimitName)
            ?? throw StepException.Failed($"End User Messaging in {snsRegion} reports no {SpendLimitName}; the approved SMS spend quota cannot be read.");
        return text.MaxLimit ?? 0;
    }

    public static async Task<decimal> MonthlySpendLimitAsync(IAwsClientFactory aws, string snsRegion, CancellationToken ct)
    {
        var attributes = await AwsCall.Run("Reading MonthlySpendLimit", () =>
            aws.Sns(snsRegion).GetSMSAttributesAsync(new GetSMSAttributesRequest { Attributes = ["MonthlySpendLimit"] }, ct)).ConfigureAwait(false);
        return attributes.Attributes is { } map && map.TryGetValue("MonthlySpendLimit", out var value)
            && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var limit) ? limit : 0m;
    }

    /// <summary>An ACTIVE origination identity for US destinations in the Region, from SNS or End User Messaging.</summary>
    public static async Task<string?> ActiveUsOriginationAsync(IAwsClientFactory aws, string snsRegion, CancellationToken ct)
    {
        var snsNumbers = await AwsCall.Run("Listing origination numbers", () =>
            aws.Sns(snsRegion).ListOriginationNumbersAllAsync(new ListOriginationNumbersRequest(), ct).ToListAsync(ct).AsTask()).ConfigureAwait(false);
        var sns = snsNumbers.FirstOrDefault(n => n.Iso2CountryCode == "US" && string.Equals(n.Status, "ACTIVE", StringComparison.OrdinalIgnoreCase));
        if (sns?.PhoneNumber is { } found)
        {
            return found;
        }

        var eum = await AwsCall.Run("Describing End User Messaging phone numbers", () =>
            aws.SmsVoice(snsRegion).DescribePhoneNumbersAllAsync(new DescribePhoneNumbersRequest
            {
                Filters =
                [
                    new PhoneNumberFilter { Name = "iso-country-code", Values = ["US"] },
                    new PhoneNumberFilter { Name = "status", Values = ["ACTIVE"] },
                ],
            }, ct).ToListAsync(ct).AsTask()).ConfigureAwait(false);
        return eum.FirstOrDefault()?.PhoneNumber;
    }

    public static string Usd(decimal amount) => amount.ToString("0.##", CultureInfo.InvariantCulture);
}
