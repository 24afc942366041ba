using System.Globalization;

namespace SmsOnboarding.Simulator.State;

internal sealed class SandboxNumber(string phoneNumber)
{
    public string PhoneNumber { get; } = phoneNumber;
    public bool Verified { get; set; }
    public string? OneTimePassword { get; set; }
    public List<DateTimeOffset> Sends { get; } = [];
    public DateTimeOffset LastAttemptAt { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }
}

/// <summary>SMS settings AWS keeps per account and Region (SNS and End User Messaging share them).</summary>
internal sealed class SmsRegionState(bool inSandbox, decimal approvedQuota, decimal monthlySpendLimit)
{
    public bool InSandbox { get; set; } = inSandbox;
    public decimal ApprovedSpendQuotaUsd { get; set; } = approvedQuota;
    public List<SandboxNumber> SandboxNumbers { get; } = [];
    public SortedDictionary<string, string> Attributes { get; } = new(StringComparer.Ordinal)
    {
        ["MonthlySpendLimit"] = monthlySpendLimit.ToString(CultureInfo.InvariantCulture),
    };
    public Dictionary<string, decimal> SpentByMonth { get; } = [];

    public decimal MonthlySpendLimit =>
        decimal.TryParse(Attributes["MonthlySpendLimit"], NumberStyles.Number, CultureInfo.InvariantCulture, out var limit) ? limit : 0;

    public SandboxNumber? FindSandboxNumber(string phoneNumber) =>
        SandboxNumbers.FirstOrDefault(n => n.PhoneNumber == phoneNumber);

    public static string Month(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
