using System.Diagnostics;
using SmsOnboarding.Aws.StepFunctions.Model;
using SmsOnboarding.Engine;

namespace SmsOnboarding.Benchmarks;

/// <summary>
/// The durable engine on the bench loop (Pass, Task, Choice per iteration): <c>concurrency</c> executions on a fresh
/// database file, timed from the first StartExecution to the last execution closed.
/// </summary>
internal static class EngineLoopBenchmark
{
    public const string Loop = """
        {"StartAt":"Step","States":{
          "Step":{"Type":"Pass","Parameters":{"i.$":"States.MathAdd($.i, 1)","n.$":"$.n"},"Next":"Work"},
          "Work":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111122223333:function:noop","Next":"More?"},
          "More?":{"Type":"Choice","Choices":[{"Variable":"$.i","NumericLessThanPath":"$.n","Next":"Step"}],"Default":"Done"},
          "Done":{"Type":"Succeed"}}}
        """;

    public static int IterationsFor(int concurrency) => concurrency == 1 ? 200 : concurrency == 100 ? 20 : 6;

    /// <summary>
    /// Transitions per second, process CPU time per transition (microseconds; CPU time moves less than wall time
    /// when other work shares the machine) and KiB allocated per transition (does not move with the machine's load). With <paramref name="startTogether"/> every StartExecution is issued at
    /// once, as 1,000 clients would; otherwise one after another, each waiting for its own durable commit.
    /// </summary>
    public static async Task<(double PerSecond, double CpuMicrosPerTransition, double AllocatedKbPerTransition)> RunAsync(string databasePath, int concurrency, bool startTogether)
    {
        var iterations = IterationsFor(concurrency);
        await using var engine = await StepFunctionsEngine.OpenAsync(new EngineOptions { DatabasePath = databasePath });
        engine.RegisterFunction("noop", (i, _) => Task.FromResult(i.Payload));
        var machine = (await engine.CreateStateMachineAsync(new CreateStateMachineRequest { Name = "loop", Definition = Loop, RoleArn = "arn:aws:iam::111122223333:role/bench" })).StateMachineArn;
        var start = new StartExecutionRequest { StateMachineArn = machine, Input = $$"""{"i":0,"n":{{iterations}}}""" };
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var arns = new List<string>();
        if (startTogether)
        {
            var started = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => engine.StartExecutionAsync(start)));
            arns.AddRange(started.Select(s => s.ExecutionArn!));
        }
        else
        {
            for (var e = 0; e < concurrency; e++)
            {
                arns.Add((await engine.StartExecutionAsync(start)).ExecutionArn!);
            }
        }
        foreach (var arn in arns)
        {
            var done = await engine.WaitForExecutionAsync(arn);
            if (done.Status != "SUCCEEDED")
            {
                throw new InvalidOperationException($"bench execution {arn} ended {done.Status}: {done.Error} {done.Cause}");
            }
        }
        watch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        self.Refresh();
        var cpu = self.TotalProcessorTime - cpuBefore;
        // State transitions = states entered: 3 per iteration (Pass, Task, Choice) + the final Succeed.
        var transitions = (double)concurrency * (iterations * 3 + 1);
        return (Math.Round(transitions / watch.Elapsed.TotalSeconds), Math.Round(cpu.TotalMilliseconds * 1000 / transitions, 1), Math.Round(allocated / 1024.0 / transitions, 1));
    }
}
