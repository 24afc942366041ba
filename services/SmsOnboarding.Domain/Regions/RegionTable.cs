namespace SmsOnboarding.Domain.Regions;

/// <summary>
/// The Cognito → SNS Region rules from the AWS guide "SMS message settings for Amazon Cognito user pools":
/// every Region may use SNS in its own Region, except Seoul, which must use Tokyo; a few Regions also keep
/// the legacy alternate Region Cognito used at launch.
/// </summary>
public static class RegionTable
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["us-east-1"] = "US East (N. Virginia)",
        ["us-east-2"] = "US East (Ohio)",
        ["us-west-1"] = "US West (N. California)",
        ["us-west-2"] = "US West (Oregon)",
        ["af-south-1"] = "Africa (Cape Town)",
        ["ap-east-1"] = "Asia Pacific (Hong Kong)",
        ["ap-south-1"] = "Asia Pacific (Mumbai)",
        ["ap-south-2"] = "Asia Pacific (Hyderabad)",
        ["ap-southeast-1"] = "Asia Pacific (Singapore)",
        ["ap-southeast-2"] = "Asia Pacific (Sydney)",
        ["ap-southeast-3"] = "Asia Pacific (Jakarta)",
        ["ap-southeast-4"] = "Asia Pacific (Melbourne)",
        ["ap-northeast-1"] = "Asia Pacific (Tokyo)",
        ["ap-northeast-2"] = "Asia Pacific (Seoul)",
        ["ap-northeast-3"] = "Asia Pacific (Osaka)",
        ["ca-central-1"] = "Canada (Central)",
        ["ca-west-1"] = "Canada West (Calgary)",
        ["eu-central-1"] = "Europe (Frankfurt)",
        ["eu-central-2"] = "Europe (Zurich)",
        ["eu-west-1"] = "Europe (Ireland)",
        ["eu-west-2"] = "Europe (London)",
        ["eu-west-3"] = "Europe (Paris)",
        ["eu-north-1"] = "Europe (Stockholm)",
        ["eu-south-1"] = "Europe (Milan)",
        ["eu-south-2"] = "Europe (Spain)",
        ["il-central-1"] = "Israel (Tel Aviv)",
        ["me-south-1"] = "Middle East (Bahrain)",
        ["me-central-1"] = "Middle East (UAE)",
        ["sa-east-1"] = "South America (São Paulo)",
    };

    // Legacy alternates: the SNS Region Cognito used at launch for these pool Regions.
    private static readonly Dictionary<string, string> LegacyAlternates = new(StringComparer.Ordinal)
    {
        ["us-east-2"] = "us-east-1",
        ["ap-south-1"] = "ap-southeast-1",
        ["ca-central-1"] = "us-east-1",
        ["eu-central-1"] = "eu-west-1",
        ["eu-west-2"] = "eu-west-1",
    };

    // Seoul cannot use SNS in its own Region.
    private static readonly Dictionary<string, string> Mandatory = new(StringComparer.Ordinal)
    {
        ["ap-northeast-2"] = "ap-northeast-1",
    };

    private static readonly HashSet<string> UsOriginationBySupportCase = new(StringComparer.Ordinal)
    {
        "us-east-2", "eu-north-1", "eu-west-3", "eu-south-1", "me-south-1", "sa-east-1", "us-west-1",
    };

    public static IReadOnlyList<RegionRule> All { get; } = Names.Keys.Select(BuildRule).ToArray();

    private static readonly Dictionary<string, RegionRule> ByRegion =
        All.ToDictionary(rule => rule.CognitoRegion, StringComparer.Ordinal);

    public static RegionRule? Find(string? cognitoRegion) =>
        cognitoRegion is not null && ByRegion.TryGetValue(cognitoRegion, out var rule) ? rule : null;

    public static bool IsKnownRegion(string? region) => region is not null && Names.ContainsKey(region);

    public static string DefaultSnsRegion(string cognitoRegion) =>
        Find(cognitoRegion)?.DefaultSnsRegion
        ?? throw new ArgumentException($"'{cognitoRegion}' is not a Region where Amazon Cognito user pools run.", nameof(cognitoRegion));

    public static bool IsAllowedSnsRegion(string cognitoRegion, string snsRegion) =>
        Find(cognitoRegion)?.SnsRegions.Contains(snsRegion) ?? false;

    /// <summary>In these SNS Regions an origination identity for US numbers can only be had through a Support case.</summary>
    public static bool RequiresSupportCaseForUsOrigination(string snsRegion) => UsOriginationBySupportCase.Contains(snsRegion);

    public static IReadOnlyCollection<string> RegionsRequiringSupportCaseForUsOrigination => UsOriginationBySupportCase;

    public static string DisplayName(string region) => Names.TryGetValue(region, out var name) ? name : region;

    private static RegionRule BuildRule(string region)
    {
        if (Mandatory.TryGetValue(region, out var only))
        {
            return new RegionRule(region, Names[region], [only]);
        }

        return LegacyAlternates.TryGetValue(region, out var alternate)
            ? new RegionRule(region, Names[region], [region, alternate])
            : new RegionRule(region, Names[region], [region]);
    }
}
