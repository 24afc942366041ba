using SmsOnboarding.Aws.StepFunctions.Model;
using SmsOnboarding.Engine.Time;

namespace SmsOnboarding.Engine.Tests;

public sealed class TimeSkippingTests
{
    [Fact]
    public async Task A_thirty_day_workflow_finishes_at_once_when_the_clock_skips_to_each_timer()
    {
        var clock = new SkippingTimeProvider(start: new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var h = await EngineHarness.StartAsync(clock);
        var arn = await h.StartAsync(await h.CreateAsync("""
            {"StartAt":"Poll","States":{
              "Poll":{"Type":"Pass","Parameters":{"n.$":"States.MathAdd($.n, 1)"},"Next":"Done?"},
              "Done?":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThanEquals":30,"Next":"Done"}],"Default":"Sleep"},
              "Sleep":{"Type":"Wait","Seconds":86400,"Next":"Poll"},
              "Done":{"Type":"Succeed"}}}
            """), """{"n":0}""");

        await h.Engine.RunUntilIdleAsync();
        var done = await h.Engine.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = arn });

        Assert.Equal("SUCCEEDED", done.Status);
        Assert.InRange((done.StopDate!.Value - done.StartDate!.Value).TotalDays, 29, 29.01);
        // Skips cover the 29 days less the real milliseconds that passed meanwhile.
        Assert.True(clock.Skipped >= TimeSpan.FromDays(28.99));
    }

    [Fact]
    public async Task Skipping_never_jumps_past_another_consumers_earlier_timer()
    {
        var clock = new SkippingTimeProvider(start: new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var h = await EngineHarness.StartAsync(clock);
        var arn = await h.StartAsync(await h.CreateAsync("""{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":7200,"End":true}}}"""));
        await h.Engine.WaitForQuiescenceAsync();
        DateTimeOffset? simulatorWokeAt = null;
        using var simulatorTimer = clock.CreateTimer(_ => simulatorWokeAt = clock.GetUtcNow(), null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);

        await h.Engine.RunUntilIdleAsync();
        var done = await h.Engine.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = arn });

        Assert.Equal("SUCCEEDED", done.Status);
        Assert.NotNull(simulatorWokeAt);
        Assert.True(simulatorWokeAt < done.StopDate, "the simulator's 1-hour timer fired before the 2-hour wait ended");
    }

    [Fact]
    public async Task Time_is_not_skipped_while_a_task_waits_for_a_callback_unless_allowed()
    {
        var clock = new SkippingTimeProvider();
        await using var h = await EngineHarness.StartAsync(clock);
        h.Engine.RegisterFunction("ask", (_, _) => Task.FromResult<System.Text.Json.Nodes.JsonNode?>(null));
        var arn = await h.StartAsync(await h.CreateAsync("""
            {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken","Parameters":{"FunctionName":"ask"},"TimeoutSeconds":600,"End":true}}}
            """));

        await h.Engine.RunUntilIdleAsync();

        Assert.Equal("RUNNING", (await h.Engine.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = arn })).Status);
        Assert.True(clock.Skipped < TimeSpan.FromMinutes(1));
    }
}
