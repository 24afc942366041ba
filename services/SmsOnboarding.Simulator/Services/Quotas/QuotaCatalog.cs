using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator.Services.Quotas;

/// <summary>
/// Quotas the simulated account may list. AWS publishes no quota code for the SMS spend limit or production access
/// (AWS-FACTS B.4, AWS-FACTS-2 §5): these codes and names are the simulator's own, the scenario's smsQuotas says
/// whether the account lists them, and clients are expected to find them by name.
/// </summary>
internal static class QuotaCatalog
{
    public const string SnsSpendQuotaCode = "L-SMS0SPND";
    public const string SmsVoiceSpendQuotaCode = "L-EUM0SPND";
    public const string SmsVoiceProductionAccessQuotaCode = "L-EUM0PROD";

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
        new("sms-voice", "AWS End User Messaging SMS and Voice v2", SmsVoiceProductionAccessQuotaCode, "SMS production access", 0, "None", true, false,
            "1 when the account may send SMS to any phone number in this Region (out of the SMS sandbox), else 0.", IsSmsProductionAccess: true),
        new("sms-voice", "AWS End User Messaging SMS and Voice v2", "L-D1A5C7B2", "Phone numbers per account", 50, "None", true, false,
            "The maximum number of phone numbers the account can lease in this Region."),
        new("sms-voice", "AWS End User Messaging SMS and Voice v2", "L-9A3E0C1F", "Registrations per account", 100, "None", false, false,
            "The maximum number of registrations in this Region."),
    ];

    /// <summary>The quotas this account lists: every one but the SMS quotas its scenario leaves out.</summary>
    public static IEnumerable<QuotaDefinition> Listed(SimulatedAccount account)
    {
        var sms = account.CurrentScenario.SmsQuotas;
        return All.Where(q => (!q.IsSmsSpendQuota || sms.SpendLimit) && (!q.IsSmsProductionAccess || sms.ProductionAccess));
    }

    public static double Value(SimulatedAccount account, string region, QuotaDefinition quota) =>
        quota.IsSmsSpendQuota ? (double)account.Sms(region).ApprovedSpendQuotaUsd
        : quota.IsSmsProductionAccess ? (account.Sms(region).InSandbox ? 0 : 1)
        : account.QuotaValues.TryGetValue((region, quota.QuotaCode), out var value) ? value : quota.DefaultValue;
}
