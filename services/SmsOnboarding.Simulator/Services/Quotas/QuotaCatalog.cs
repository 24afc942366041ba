using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator.Services.Quotas;

/// <summary>
/// Quotas the simulated account lists. AWS publishes no quota code for the SMS spend limit (AWS-FACTS B.4):
/// these codes are the simulator's own, and clients are expected to find the spend quota by name.
/// </summary>
internal static class QuotaCatalog
{
    public const string SnsSpendQuotaCode = "L-SMS0SPND";
    public const string SmsVoiceSpendQuotaCode = "L-EUM0SPND";

    public static readonly IReadOnlyList<QuotaDefinition> All =
    [
        new("sns", "Amazon Simple Notification Service", SnsSpendQuotaCode, "SMS monthly spend limit", 1, "None", true, false,
            "The maximum amount, in USD, that the account can spend on SMS messages per month in this Region.", IsSmsSpendQuota: true),
        new("sns", "Amazon Simple Notification Service", "L-61103206", "Topics per Account", 100000, "None", true, false,
            "The maximum number of topics per account in this Region."),
        new("sns", "Amazon Simple Notification Service", "L-F8E5B2D0", "Transactional SMS messages per second", 20, "None", true, false,
            "The maximum number of transactional SMS messages per second."),
        new("sms-voice", "AWS End User Messaging SMS and Voice v2", SmsVoiceSpendQuotaCode, "Text message monthly spend limit", 1, "None", true, false,
            "The maximum amount, in USD, that the account can spend on text messages per month in this Region.", IsSmsSpendQuota: true),
        new("sms-voice", "AWS End User Messaging SMS and Voice v2", "L-D1A5C7B2", "Phone numbers per account", 50, "None", true, false,
            "The maximum number of phone numbers the account can lease in this Region."),
        new("sms-voice", "AWS End User Messaging SMS and Voice v2", "L-9A3E0C1F", "Registrations per account", 100, "None", false, false,
            "The maximum number of registrations in this Region."),
    ];

    public static double Value(SimulatedAccount account, string region, QuotaDefinition quota) =>
        quota.IsSmsSpendQuota
            ? (double)account.Sms(region).ApprovedSpendQuotaUsd
            : account.QuotaValues.TryGetValue((region, quota.QuotaCode), out var value) ? value : quota.DefaultValue;
}
