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

    [Fact]
    public async Task A_finished_execution_leaves_no_timer_for_the_clock_to_skip_to()
    {
        // The onboarding machine's shape: a one-year execution timeout and a task with a long timeout (a person's).
        var clock = new SkippingTimeProvider(start: new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var h = await EngineHarness.StartAsync(clock);
        h.Engine.RegisterFunction("quick", (i, _) => Task.FromResult(i.Payload));
        var arn = await h.StartAsync(await h.CreateAsync("""
            {"TimeoutSeconds":31536000,"StartAt":"Step","States":{
              "Step":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111122223333:function:quick","TimeoutSeconds":2592000,"Next":"Done"},
              "Done":{"Type":"Succeed"}}}
            """));

        await h.Engine.RunUntilIdleAsync();
        var done = await h.Engine.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = arn });

        Assert.Equal("SUCCEEDED", done.Status);
        Assert.Null(clock.NextDue);
        Assert.False(clock.TrySkipToNextTimer());
        Assert.True(clock.Skipped < TimeSpan.FromMinutes(1), $"skipped {clock.Skipped}");
    }

    [Fact]
    public async Task A_finished_task_leaves_no_timeout_for_the_clock_to_skip_to()
    {
        var clock = new SkippingTimeProvider(start: new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var h = await EngineHarness.StartAsync(clock, skipWhileAwaitingCallbacks: true);
        h.Engine.RegisterFunction("quick", (i, _) => Task.FromResult(i.Payload));
        h.Engine.RegisterFunction("ask", (_, _) => Task.FromResult<System.Text.Json.Nodes.JsonNode?>(null));
        var arn = await h.StartAsync(await h.CreateAsync("""
            {"TimeoutSeconds":864000,"StartAt":"Step","States":{
              "Step":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111122223333:function:quick","TimeoutSeconds":86400,"Next":"Ask"},
              "Ask":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken","Parameters":{"FunctionName":"ask"},"End":true}}}
            """));
        await h.Engine.WaitForQuiescenceAsync();

        // The finished step's one-day timeout is gone: the next thing anyone waits on is the ten-day execution timeout.
        Assert.True(clock.NextDue - clock.GetUtcNow() > TimeSpan.FromDays(9), $"next timer at {clock.NextDue}");
        await h.Engine.RunUntilIdleAsync();
        var done = await h.Engine.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = arn });
        Assert.Equal("TIMED_OUT", done.Status);
        Assert.InRange((done.StopDate!.Value - done.StartDate!.Value).TotalDays, 9.99, 10.01);
    }
}
