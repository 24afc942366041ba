namespace SmsOnboarding.Domain.Regions;

/// <summary>
/// One Cognito Region and the SNS Regions its user pools may send SMS through.
/// <paramref name="SnsRegions"/> lists the allowed Regions, the default first.
/// </summary>
public sealed record RegionRule(string CognitoRegion, string Name, IReadOnlyList<string> SnsRegions)
{
    public string DefaultSnsRegion => SnsRegions[0];

    public bool IsLegacyAlternate(string snsRegion) =>
        snsRegion != CognitoRegion && SnsRegions.Contains(snsRegion);
}
