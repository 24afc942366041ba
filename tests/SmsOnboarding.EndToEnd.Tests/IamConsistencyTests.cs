using SmsOnboarding.Simulator.Scenarios;
using SmsOnboarding.Steps;

namespace SmsOnboarding.EndToEnd.Tests;

/// <summary>The whole workflow against an account whose IAM changes reach Cognito late, as AWS's do.</summary>
public sealed class IamConsistencyTests
{
    [Fact]
    public async Task Finalize_waits_until_cognito_sees_the_new_role_then_the_onboarding_completes()
    {
        await using var h = await Harness.StartAsync(Production(roleAssumptionSeconds: 15));
        var arn = await h.Stack.StartOnboardingAsync(Harness.Request());

        var run = await h.RunAsync(arn);

        Assert.True(run.Status == "SUCCEEDED", $"{run.Status} at {run.CurrentStep}: {run.Error}: {run.Cause}");
        var history = await h.Stack.HistoryAsync(arn);
        Assert.Contains(history, e => e.TaskFailedEventDetails?.Error == StepErrors.SmsRoleNotYetAssumable);
    }

    [Fact]
    public async Task A_role_cognito_never_sees_fails_after_two_minutes_of_retries_saying_why()
    {
        await using var h = await Harness.StartAsync(Production(roleAssumptionSeconds: 1800));
        var arn = await h.Stack.StartOnboardingAsync(Harness.Request());

        var run = await h.RunAsync(arn);

        Assert.Equal("FAILED", run.Status);
        Assert.Equal(StepErrors.SmsRoleNotYetAssumable, run.Error);
        Assert.Contains("Retried for two minutes", run.Cause, StringComparison.Ordinal);
        var history = await h.Stack.HistoryAsync(arn);
        Assert.Equal(13, history.Count(e => e.TaskFailedEventDetails?.Error == StepErrors.SmsRoleNotYetAssumable));
    }

    /// <summary>An account with nothing left to wait for but the role, so Finalize comes seconds after EnsureSmsRole.</summary>
    private static SimulatorScenario Production(double roleAssumptionSeconds) => Harness.Scenario(s => s with
    {
        ProductionRegions = ["us-east-1"],
        Spend = new Dictionary<string, RegionSpend> { ["us-east-1"] = new(500, 100) },
        Seed = s.Seed with { OriginationNumbers = [new SeedOriginationNumber("us-east-1", "+18445550100", "TOLL_FREE")] },
        IamPropagation = new IamPropagation { ReadSeconds = 2, RoleAssumptionSeconds = roleAssumptionSeconds },
    });
}
