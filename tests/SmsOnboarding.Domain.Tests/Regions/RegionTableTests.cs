using SmsOnboarding.Domain.Regions;

namespace SmsOnboarding.Domain.Tests.Regions;

public class RegionTableTests
{
    // The whole table: pool Region → allowed SNS Regions, default first.
    public static TheoryData<string, string[]> Table => new()
    {
        { "us-east-1", ["us-east-1"] },
        { "us-east-2", ["us-east-2", "us-east-1"] },
        { "us-west-1", ["us-west-1"] },
        { "us-west-2", ["us-west-2"] },
        { "af-south-1", ["af-south-1"] },
        { "ap-east-1", ["ap-east-1"] },
        { "ap-south-1", ["ap-south-1", "ap-southeast-1"] },
        { "ap-south-2", ["ap-south-2"] },
        { "ap-southeast-1", ["ap-southeast-1"] },
        { "ap-southeast-2", ["ap-southeast-2"] },
        { "ap-southeast-3", ["ap-southeast-3"] },
        { "ap-southeast-4", ["ap-southeast-4"] },
        { "ap-northeast-1", ["ap-northeast-1"] },
        { "ap-northeast-2", ["ap-northeast-1"] },
        { "ap-northeast-3", ["ap-northeast-3"] },
        { "ca-central-1", ["ca-central-1", "us-east-1"] },
        { "ca-west-1", ["ca-west-1"] },
        { "eu-central-1", ["eu-central-1", "eu-west-1"] },
        { "eu-central-2", ["eu-central-2"] },
        { "eu-west-1", ["eu-west-1"] },
        { "eu-west-2", ["eu-west-2", "eu-west-1"] },
        { "eu-west-3", ["eu-west-3"] },
        { "eu-north-1", ["eu-north-1"] },
        { "eu-south-1", ["eu-south-1"] },
        { "eu-south-2", ["eu-south-2"] },
        { "il-central-1", ["il-central-1"] },
        { "me-south-1", ["me-south-1"] },
        { "me-central-1", ["me-central-1"] },
        { "sa-east-1", ["sa-east-1"] },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_cognito_region_has_exactly_its_allowed_sns_regions(string cognito, string[] sns)
    {
        var rule = RegionTable.Find(cognito)!;
        Assert.Equal(sns, rule.SnsRegions);
        Assert.Equal(sns[0], RegionTable.DefaultSnsRegion(cognito));
        Assert.All(sns, region => Assert.True(RegionTable.IsAllowedSnsRegion(cognito, region)));
    }

    [Fact]
    public void The_table_has_no_region_beyond_the_listed_ones() =>
        Assert.Equal(Table.Select(row => (string)row[0]).Order(), RegionTable.All.Select(r => r.CognitoRegion).Order());

    [Fact]
    public void Seoul_must_use_tokyo_and_never_itself()
    {
        Assert.Equal("ap-northeast-1", RegionTable.DefaultSnsRegion("ap-northeast-2"));
        Assert.False(RegionTable.IsAllowedSnsRegion("ap-northeast-2", "ap-northeast-2"));
    }

    [Theory]
    [InlineData("us-east-2", "us-east-1")]
    [InlineData("ap-south-1", "ap-southeast-1")]
    [InlineData("ca-central-1", "us-east-1")]
    [InlineData("eu-central-1", "eu-west-1")]
    [InlineData("eu-west-2", "eu-west-1")]
    public void Legacy_alternates_are_allowed_but_not_the_default(string cognito, string legacy)
    {
        Assert.True(RegionTable.Find(cognito)!.IsLegacyAlternate(legacy));
        Assert.Equal(cognito, RegionTable.DefaultSnsRegion(cognito));
    }

    [Fact]
    public void A_region_cannot_borrow_an_unlisted_neighbour() =>
        Assert.False(RegionTable.IsAllowedSnsRegion("eu-west-3", "eu-west-1"));

    [Theory]
    [InlineData("us-east-2", true)]
    [InlineData("eu-north-1", true)]
    [InlineData("eu-west-3", true)]
    [InlineData("eu-south-1", true)]
    [InlineData("me-south-1", true)]
    [InlineData("sa-east-1", true)]
    [InlineData("us-west-1", true)]
    [InlineData("us-east-1", false)]
    [InlineData("us-west-2", false)]
    [InlineData("eu-west-1", false)]
    public void Us_origination_needs_a_support_case_in_exactly_seven_regions(string region, bool needsCase)
    {
        Assert.Equal(needsCase, RegionTable.RequiresSupportCaseForUsOrigination(region));
        Assert.Equal(7, RegionTable.RegionsRequiringSupportCaseForUsOrigination.Count);
    }

    [Theory]
    [InlineData("us-east-2", "US East (Ohio)")]
    [InlineData("sa-east-1", "South America (São Paulo)")]
    [InlineData("ap-northeast-2", "Asia Pacific (Seoul)")]
    [InlineData("xx-nowhere-9", "xx-nowhere-9")]
    public void Regions_are_named_as_aws_prints_them(string region, string name) =>
        Assert.Equal(name, RegionTable.DisplayName(region));

    [Fact]
    public void An_unknown_pool_region_has_no_default() =>
        Assert.Throws<ArgumentException>(() => RegionTable.DefaultSnsRegion("mars-1"));
}
