using SmsOnboarding.Domain.Policies;

namespace SmsOnboarding.Domain.Tests.Policies;

public class ExternalIdsTests
{
    [Fact]
    public void New_external_ids_are_valid_and_unique()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => ExternalIds.New()).ToList();
        Assert.All(ids, id => Assert.Null(ExternalIds.Problem(id)));
        Assert.Equal(100, ids.Distinct().Count());
    }

    [Theory]
    [InlineData("ab", true)]
    [InlineData("a", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("id+=,.@:/-_9", true)]
    [InlineData("has space", false)]
    [InlineData("ümlaut", false)]
    [InlineData("semi;colon", false)]
    public void External_ids_follow_the_sts_rules(string? value, bool valid) =>
        Assert.Equal(valid, ExternalIds.Problem(value) is null);

    [Fact]
    public void External_ids_may_be_1224_characters_but_not_more()
    {
        Assert.Null(ExternalIds.Problem(new string('x', 1224)));
        Assert.NotNull(ExternalIds.Problem(new string('x', 1225)));
    }
}
