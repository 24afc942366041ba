using SmsOnboarding.Simulator.Scenarios;

namespace SmsOnboarding.EndToEnd.Tests;

/// <summary>Step Functions ends an execution at 25,000 history events; the poll loops' backoff keeps long waits far below.</summary>
public sealed class LongWaitTests
{
    private const int HistoryBudget = 2_000;

    [Fact]
    public async Task Sixty_day_sandbox_review_completes_in_under_two_thousand_history_events()
    {
        var scenario = Harness.Scenario(s => s with
        {
            Reviews = s.Reviews with { SandboxExit = new ReviewPolicy(DelayHours: 60 * 24) },
        });
        await using var h = await Harness.StartAsync(scenario);
        var arn = await h.Stack.StartOnboardingAsync(Harness.Request(numbers: ["+12065550101"]));

        var run = await h.RunAsync(arn);

        Assert.True(run.Status == "SUCCEEDED", $"{run.Status} at {run.CurrentStep}: {run.Error}: {run.Cause}");
        Assert.True(run.StoppedAt - run.StartedAt >= TimeSpan.FromDays(60), $"the run took only {run.StoppedAt - run.StartedAt}");
        Assert.True(run.HistoryEvents < HistoryBudget, $"{run.HistoryEvents} history events for a 60-day wait");
    }
}
