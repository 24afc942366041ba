using System.Text.Json.Nodes;
using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Serve.Deployment;
using SmsOnboarding.Simulator.Scenarios;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.HumanTasks;

namespace SmsOnboarding.EndToEnd.Tests;

/// <summary>Issue 12.4 / decision 0024: what belongs to an account and SNS Region is asked for once, whoever needs it.</summary>
public sealed class SharedAccountWorkTests
{
    [Fact]
    public async Task Two_pools_in_one_account_and_region_share_one_sandbox_case_and_one_spend_request_and_another_region_gets_its_own()
    {
        var scenario = Harness.Scenario(pools:
        [
            new SeedUserPool("us-east-1", "checkout") { Id = "us-east-1_Checkout1" },
            new SeedUserPool("us-east-1", "billing") { Id = "us-east-1_Billing1" },
            new SeedUserPool("ap-northeast-2", "seoul-app") { Id = "ap-northeast-2_Seoul1" },
        ]);
        await using var h = await Harness.StartAsync(scenario);
        var checkout = await h.Stack.StartOnboardingAsync(Harness.Request("us-east-1_Checkout1"));
        var billing = await h.Stack.StartOnboardingAsync(Harness.Request("us-east-1_Billing1", numbers: ["+12065550111", "+12065550112"]));
        var seoul = await h.Stack.StartOnboardingAsync(Harness.Request("ap-northeast-2_Seoul1", countries: ["KR"], numbers: ["+821012345678"]));
        var seen = new List<HumanTask>();

        var runs = await h.RunAllAsync([checkout, billing, seoul], task =>
        {
            seen.Add(task);
            return h.DefaultAnswer(task);
        });

        Assert.All(runs, run => Assert.True(run.Status == "SUCCEEDED", $"{run.Status} at {run.CurrentStep}: {run.Error}: {run.Cause}"));
        var cases = await ScenarioTests.CasesAsync(h);
        Assert.Single(cases, c => c.Subject!.Contains("sandbox", StringComparison.OrdinalIgnoreCase) && c.Subject.Contains("us-east-1", StringComparison.Ordinal));
        Assert.Single(cases, c => c.Subject!.Contains("sandbox", StringComparison.OrdinalIgnoreCase) && c.Subject.Contains("ap-northeast-1", StringComparison.Ordinal));
        var spend = await h.Stack.Aws.ServiceQuotas("us-east-1").ListRequestedServiceQuotaChangeHistoryByQuotaAsync(new() { ServiceCode = "sns", QuotaCode = "L-SMS0SPND" });
        Assert.Single(spend.RequestedQuotas!);
        Assert.Single(seen.Where(t => t.Kind == HumanTaskKinds.FileSupportCase && t.Need == "sandboxExit").Select(t => t.ExecutionArn).Where(a => a != seoul).Distinct());

        // The one that joined says on whose case it waited, in its case state.
        var joined = new List<(string Arn, List<JsonObject> Cases)>();
        foreach (var arn in new[] { checkout, billing })
        {
            joined.Add((arn, await CaseStatesAsync(h, arn)));
        }

        var (waiter, waiterCases) = Assert.Single(joined, j => j.Cases.Any(c => (string?)c["channel"] == "joined" && (string?)c["need"] == "sandboxExit"));
        var owner = waiter == checkout ? billing : checkout;
        var sandbox = waiterCases.First(c => (string?)c["need"] == "sandboxExit" && (string?)c["channel"] == "joined");
        Assert.Equal(owner[(owner.LastIndexOf(':') + 1)..], (string?)sandbox["waitingOn"]);
        Assert.Contains("Waiting on the sandbox case opened for " + owner[(owner.LastIndexOf(':') + 1)..], (string?)sandbox["caseText"], StringComparison.Ordinal);

        // ... and in the onboarding's cases view, as the API shows it.
        var view = ExecutionProgress.Cases(await new LocalRuntime(h.Stack).HistoryAsync(waiter, CancellationToken.None));
        var sandboxView = Assert.Single(view, c => c.Need == "sandboxExit");
        Assert.Equal((CaseChannels.Joined, "satisfied", owner[(owner.LastIndexOf(':') + 1)..]), (sandboxView.Channel, sandboxView.Status, sandboxView.WaitingOn));
    }

    [Fact]
    public async Task A_later_onboarding_that_needs_more_spend_asks_again_and_both_complete()
    {
        var scenario = Harness.Scenario(pools:
        [
            new SeedUserPool("us-east-1", "checkout") { Id = "us-east-1_Checkout1" },
            new SeedUserPool("us-east-1", "billing") { Id = "us-east-1_Billing1" },
        ]);
        await using var h = await Harness.StartAsync(scenario);
        var small = await h.Stack.StartOnboardingAsync(Harness.Request("us-east-1_Checkout1", spend: 250));
        var large = await h.Stack.StartOnboardingAsync(Harness.Request("us-east-1_Billing1", spend: 1000, numbers: ["+12065550111", "+12065550112"]));

        var runs = await h.RunAllAsync([small, large]);

        Assert.All(runs, run => Assert.True(run.Status == "SUCCEEDED", $"{run.Status} at {run.CurrentStep}: {run.Error}: {run.Cause}"));
        var spendCases = new List<JsonObject>();
        foreach (var arn in new[] { small, large })
        {
            spendCases.Add((await CaseStatesAsync(h, arn)).Last(c => (string?)c["need"] == "spendIncrease"));
        }

        // Whichever asked first, the 1,000 was asked for by its own onboarding, not joined to a request for less.
        Assert.NotEqual(CaseChannels.Joined, (string?)spendCases[1]["channel"]);
        var quota = await h.Stack.Aws.ServiceQuotas("us-east-1").ListServiceQuotasAsync(new() { ServiceCode = "sns" });
        Assert.Contains(quota.Quotas!, q => q.QuotaName!.Contains("spend", StringComparison.OrdinalIgnoreCase) && q.Value >= 1000);
    }

    private static async Task<List<JsonObject>> CaseStatesAsync(Harness h, string executionArn) =>
        [.. (await h.Stack.HistoryAsync(executionArn))
            .Where(e => e.Type == "TaskStateExited" && e.StateExitedEventDetails?.Output is not null)
            .Select(e => JsonNode.Parse(e.StateExitedEventDetails!.Output!)?["case"]?["value"] as JsonObject)
            .OfType<JsonObject>()];
}
