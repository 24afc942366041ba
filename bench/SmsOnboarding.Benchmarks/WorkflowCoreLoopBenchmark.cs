using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace SmsOnboarding.Benchmarks;

/// <summary>
/// WorkflowCore 3.22 (in-memory persistence and queues) on the engine bench's loop: a counter step, a work step and
/// the While branch, then a final step. Every step execution (the While's evaluations included) counts as one transition.
/// </summary>
internal static class WorkflowCoreLoopBenchmark
{
    public static async Task<(double PerSecond, int Finished)> RunAsync(int concurrency, int iterations, TimeSpan limit, bool startTogether)
    {
        var counters = new Counters();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(counters)
            .AddWorkflow(options => options.UsePollInterval(TimeSpan.FromMilliseconds(100)))
            .AddWorkflowStepMiddleware<CountingMiddleware>()
            .AddTransient<Increment>()
            .AddTransient<Work>()
            .AddTransient<Done>()
            .BuildServiceProvider();
        var host = services.GetRequiredService<IWorkflowHost>();
        host.RegisterWorkflow<LoopWorkflow, LoopData>();
        await host.StartAsync(CancellationToken.None);
        try
        {
            var watch = Stopwatch.StartNew();
            if (startTogether)
            {
                await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => host.StartWorkflow(LoopWorkflow.Name, 1, new LoopData { N = iterations })));
            }
            else
            {
                for (var e = 0; e < concurrency; e++)
                {
                    await host.StartWorkflow(LoopWorkflow.Name, 1, new LoopData { N = iterations });
                }
            }
            await Task.WhenAny(counters.AllDone(concurrency), Task.Delay(limit));
            watch.Stop();
            return (Math.Round(Interlocked.Read(ref counters.Steps) / watch.Elapsed.TotalSeconds), counters.Finished);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
            await services.DisposeAsync();
        }
    }

    internal sealed class Counters
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _finished;
        private int _expected = int.MaxValue;
        public long Steps;

        public int Finished => Volatile.Read(ref _finished);

        public Task AllDone(int expected)
        {
            Volatile.Write(ref _expected, expected);
            if (Finished >= expected)
            {
                _done.TrySetResult();
            }
            return _done.Task;
        }

        public void Finish()
        {
            if (Interlocked.Increment(ref _finished) >= Volatile.Read(ref _expected))
            {
                _done.TrySetResult();
            }
        }
    }

    internal sealed class LoopData
    {
        public int I { get; set; }

        public int N { get; set; }
    }

    internal sealed class LoopWorkflow : IWorkflow<LoopData>
    {
        public const string Name = "loop";

        public string Id => Name;

        public int Version => 1;

        public void Build(IWorkflowBuilder<LoopData> builder) => builder
            .StartWith<Increment>()
            .Then<Work>()
            .While(data => data.I < data.N)
                .Do(body => body.StartWith<Increment>().Then<Work>())
            .Then<Done>();
    }

    internal sealed class Increment : StepBody
    {
        public override ExecutionResult Run(IStepExecutionContext context)
        {
            ((LoopData)context.Workflow.Data).I++;
            return ExecutionResult.Next();
        }
    }

    internal sealed class Work : StepBody
    {
        public override ExecutionResult Run(IStepExecutionContext context) => ExecutionResult.Next();
    }

    internal sealed class Done(Counters counters) : StepBody
    {
        public override ExecutionResult Run(IStepExecutionContext context)
        {
            counters.Finish();
            return ExecutionResult.Next();
        }
    }

    internal sealed class CountingMiddleware(Counters counters) : IWorkflowStepMiddleware
    {
        public Task<ExecutionResult> HandleAsync(IStepExecutionContext context, IStepBody body, WorkflowStepDelegate next)
        {
            Interlocked.Increment(ref counters.Steps);
            return next();
        }
    }
}
