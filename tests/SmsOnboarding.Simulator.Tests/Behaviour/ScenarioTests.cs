using System.Net;
using System.Text;
using SmsOnboarding.Aws.AWSSupport.Model;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Aws.SecurityToken;
using SmsOnboarding.Aws.SecurityToken.Model;
using SmsOnboarding.Simulator.Scenarios;
using SmsOnboarding.Simulator.Tests.Infrastructure;

namespace SmsOnboarding.Simulator.Tests.Behaviour;

public sealed class ScenarioTests
{
    [Fact]
    public void Sample_scenarios_are_valid_and_round_trip()
    {
        var files = ScenarioFiles.All().ToList();
        Assert.True(files.Count >= 5);
        foreach (var file in files)
        {
            var scenario = ScenarioLoader.LoadFile(file);
            Assert.Equal(Path.GetFileNameWithoutExtension(file), scenario.Name);
            var again = ScenarioLoader.Parse(ScenarioLoader.Serialize(scenario));
            Assert.Equal(scenario.SupportPlan, again.SupportPlan);
            Assert.Equal(scenario.Reviews, again.Reviews);
        }
    }

    [Fact]
    public void Default_scenario_is_a_new_account()
    {
        var account = new SimulatedAccount();
        Assert.Equal(SupportPlan.Business, account.Scenario.SupportPlan);
        Assert.True(account.IsInSandbox("eu-west-1"));
        Assert.Equal(1m, account.ApprovedSpendQuotaUsd("ap-southeast-2"));
    }

    [Theory]
    [InlineData("""{ "supportPlan": "Gold" }""", "$.supportPlan")]
    [InlineData("""{ "reviews": { "sandboxExit": { "delayHours": -1 } } }""", "$.reviews.sandboxExit.delayHours")]
    [InlineData("""{ "reviews": { "sandboxExit": { "approve": true } } }""", "$.reviews.sandboxExit")]
    [InlineData("""{ "faults": { "throttleRate": 2 } }""", "$.faults.throttleRate")]
    [InlineData("""{ "faults": { "services": ["s3"] } }""", "$.faults.services[0]")]
    [InlineData("""{ "bogus": 1 }""", "$.bogus")]
    [InlineData("""{ "productionRegions": ["mars-1"] }""", "$.productionRegions[0]")]
    [InlineData("""{ "seed": { "verifiedNumbers": [ { "region": "us-east-1", "phoneNumber": "12" } ] } }""", "$.seed.verifiedNumbers[0].phoneNumber")]
    [InlineData("""{ "spend": { "us-east-1": { "approvedQuotaUsd": 10, "monthlySpendLimitUsd": 20 } } }""", "$.spend.us-east-1.monthlySpendLimitUsd")]
    [InlineData("""{ "seed": { "originationNumbers": [null] } }""", "$.seed.originationNumbers[0]")]
    [InlineData("""{ "seed": { "roles": null } }""", "$.seed.roles")]
    public void Invalid_scenario_is_refused_naming_the_field(string json, string field)
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json));
        Assert.StartsWith(field, error.Field, StringComparison.Ordinal);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Injected_faults_follow_the_seed_and_use_each_protocols_error_codes()
    {
        var first = await OutcomesAsync();
        var second = await OutcomesAsync();
        Assert.Equal(first, second);
        Assert.Contains("Throttling", first);
        Assert.Contains("InternalFailure", first);
        Assert.Contains("ok", first);
    }

    [Fact]
    public async Task Replacing_the_scenario_changes_the_rules_at_runtime()
    {
        await using var sim = await TestSimulator.StartAsync();
        using var support = sim.Support();
        await support.DescribeServicesAsync(new DescribeServicesRequest());
        sim.Account.ReplaceScenario(ScenarioLoader.Parse("""{ "supportPlan": "Basic" }"""));
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => support.DescribeServicesAsync(new DescribeServicesRequest()));
        Assert.Equal("SubscriptionRequiredException", error.ErrorCode);
        Assert.Throws<ScenarioException>(() => sim.Account.ReplaceScenario(new SimulatorScenario { Name = "" }));
    }

    [Fact]
    public async Task Inbox_endpoint_returns_an_empty_list_for_an_unknown_phone()
    {
        await using var sim = await TestSimulator.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.BaseUri };
        var response = await http.GetAsync(new Uri("sim/phones/%2B19995550000/messages", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("[]", Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()));
    }

    private static async Task<List<string>> OutcomesAsync()
    {
        await using var sim = await TestSimulator.StartAsync(await File.ReadAllTextAsync(ScenarioFiles.Path("flaky.json")));
        using var sts = new AmazonSecurityTokenServiceClient(sim.ClientConfig());
        var outcomes = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            try
            {
                await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
                outcomes.Add("ok");
            }
            catch (AwsServiceException e)
            {
                outcomes.Add(e.ErrorCode);
            }
        }
        return outcomes;
    }
}
