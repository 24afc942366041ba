using System.Globalization;
using System.Text.RegularExpressions;
using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator.Services.Support;

/// <summary>
/// Reads a case the way the AWS agent would: which SMS requests it makes (sandbox exit, spend increase,
/// origination identity), for which Region, and which amount or number type.
/// </summary>
internal static partial class CaseClassifier
{
    public static IReadOnlyList<CaseRequest> Classify(string subject, string body)
    {
        var text = subject + "\n" + body;
        var lower = text.ToLowerInvariant();
        var region = RegionCode().Match(lower) is { Success: true } m ? m.Value : "us-east-1";
        var requests = new List<CaseRequest>();
        if (lower.Contains("sandbox", StringComparison.Ordinal) || lower.Contains("production access", StringComparison.Ordinal))
        {
            requests.Add(new CaseRequest(CaseRequestKind.SandboxExit, region));
        }
        if (lower.Contains("spend", StringComparison.Ordinal))
        {
            requests.Add(new CaseRequest(CaseRequestKind.SpendIncrease, region, Amount(lower)));
        }
        if (NumberType(lower) is { } numberType)
        {
            var country = CountryCode().Match(text) is { Success: true } c ? c.Groups[1].Value : "US";
            requests.Add(new CaseRequest(CaseRequestKind.OriginationIdentity, region, NumberType: numberType, IsoCountryCode: country));
        }
        return requests;
    }

    private static string? NumberType(string lower) =>
        lower.Contains("short code", StringComparison.Ordinal) || lower.Contains("shortcode", StringComparison.Ordinal) ? "SHORT_CODE"
        : lower.Contains("10dlc", StringComparison.Ordinal) || lower.Contains("10 dlc", StringComparison.Ordinal) ? "TEN_DLC"
        : lower.Contains("toll-free", StringComparison.Ordinal) || lower.Contains("toll free", StringComparison.Ordinal) ? "TOLL_FREE"
        : lower.Contains("origination", StringComparison.Ordinal) || lower.Contains("long code", StringComparison.Ordinal) ? "LONG_CODE"
        : null;

    /// <summary>The new monthly limit: "New limit value: 100", "$100", "100 USD".</summary>
    private static decimal? Amount(string lower)
    {
        foreach (var pattern in new[] { NewLimit(), Dollar(), Usd() })
        {
            var match = pattern.Match(lower);
            if (match.Success && decimal.TryParse(match.Groups[1].Value.Replace(",", "", StringComparison.Ordinal),
                    NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
            {
                return amount;
            }
        }
        return null;
    }

    [GeneratedRegex("\\b[a-z]{2}(-gov)?-(north|south|east|west|central|northeast|southeast|northwest|southwest)-[0-9]\\b")]
    private static partial Regex RegionCode();

    [GeneratedRegex("\\bcountr(?:y|ies)[^A-Za-z]{0,5}([A-Z]{2})\\b")]
    private static partial Regex CountryCode();

    [GeneratedRegex("new (?:limit|spend|monthly)[a-z ]*(?:value)?\\s*[:=]?\\s*\\$?\\s*([0-9][0-9,]*(?:\\.[0-9]+)?)")]
    private static partial Regex NewLimit();

    [GeneratedRegex("\\$\\s*([0-9][0-9,]*(?:\\.[0-9]+)?)")]
    private static partial Regex Dollar();

    [GeneratedRegex("([0-9][0-9,]*(?:\\.[0-9]+)?)\\s*usd")]
    private static partial Regex Usd();
}
