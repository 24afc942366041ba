using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using SmsOnboarding.Aws.StepFunctions.Model;

namespace SmsOnboarding.Engine.Tests;

public sealed class DurabilityTests
{
    [Fact]
    public async Task Wait_timers_retry_delays_and_task_timeouts_survive_a_restart()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        await using var h = await EngineHarness.StartAsync(clock);
        var calls = 0;
        h.Engine.RegisterFunction("flaky", (_, _) => Interlocked.Increment(ref calls) == 1
            ? throw new Tasks.TaskFailedException("Busy", "later")
            : Task.FromResult<System.Text.Json.Nodes.JsonNode?>("done"));
        var waiting = await h.StartAsync(await h.CreateAsync("""{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":604800,"End":true}}}""", "wait"));
        var retrying = await h.StartAsync(await h.CreateAsync("""
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111122223333:function:flaky","Retry":[{"ErrorEquals":["Busy"],"IntervalSeconds":3600}],"End":true}}}
            """, "retry"));
        var hanging = await h.StartAsync(await h.CreateAsync("""
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken","Parameters":{"FunctionName":"flaky"},"TimeoutSeconds":7200,"End":true}}}
            """, "timeout"));
        await h.Engine.RunUntilIdleAsync();

        await h.ReopenAsync();
        var c = calls;
        h.Engine.RegisterFunction("flaky", (_, _) => Task.FromResult<System.Text.Json.Nodes.JsonNode?>("done"));
        await h.Engine.RunUntilIdleAsync();
        Assert.Equal("RUNNING", (await h.Engine.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = retrying })).Status);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal("SUCCEEDED", (await h.SettleAsync(retrying, 3)).Status);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal("FAILED", (await h.SettleAsync(hanging, 3)).Status);
        Assert.Equal("States.Timeout", (await h.Engine.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = hanging })).Error);
        Assert.Equal("RUNNING", (await h.Engine.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = waiting })).Status);
        clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal("SUCCEEDED", (await h.SettleAsync(waiting, 3)).Status);
        Assert.True(c >= 2);
    }

    [Fact]
    public async Task After_kill_minus_9_every_execution_resumes_and_each_task_ran_at_least_once_and_at_most_twice()
    {
        await using var h = await EngineHarness.StartAsync(TimeProvider.System);
        await h.Engine.DisposeAsync();
        var effects = Path.Combine(h.Directory, "effects.txt");
        File.WriteAllText(effects, "");
        var worker = typeof(CrashWorker).Assembly.Location;
        using (var child = Process.Start(new ProcessStartInfo("dotnet", ["exec", worker, "crash-worker", h.DatabasePath, effects])
        { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!)
        {
            // Every StartExecution is committed before "started"; the kill lands while their tasks run.
            var started = await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal("started", started);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (Lines(effects).Length < 20 && !child.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
            if (child.HasExited)
            {
                Assert.Fail("the worker exited early: " + await child.StandardError.ReadToEndAsync());
            }
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }
        var beforeRestart = Lines(effects).Length;
        Assert.InRange(beforeRestart, 20, CrashWorker.Executions * CrashWorker.TasksPerExecution - 1);

        // The handler is given at open: a task re-dispatched on resume must find it (registering it afterwards races).
        await h.ReopenAsync(TimeProvider.System, new Dictionary<string, Tasks.TaskHandler> { ["effect"] = CrashWorker.Handler(effects) });
        var machine = "arn:aws:states:us-east-1:111122223333:stateMachine:crash";
        var arns = Enumerable.Range(0, CrashWorker.Executions).Select(i => $"arn:aws:states:us-east-1:111122223333:execution:crash:x{i}").ToList();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        foreach (var arn in arns)
        {
            var done = await h.Engine.WaitForExecutionAsync(arn, timeout.Token);
            Assert.True(done.Status == "SUCCEEDED", $"{arn} ended {done.Status}: {done.Error} {done.Cause}");
            Assert.Equal(5, EngineHarness.Parse(done.Output)!["results"]!.AsArray().Count);
        }
        var counts = Lines(effects).GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(CrashWorker.Executions * CrashWorker.TasksPerExecution, counts.Count);
        Assert.All(counts.Values, n => Assert.InRange(n, 1, 2));
        Assert.Equal(CrashWorker.Executions, (await h.Engine.ListExecutionsAsync(new ListExecutionsRequest { StateMachineArn = machine, StatusFilter = "SUCCEEDED", MaxResults = 100 })).Executions!.Count);
    }

    private static string[] Lines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
