using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SmsOnboarding.Api.Onboardings;

namespace SmsOnboarding.Api.Tests.Support;

/// <summary>
/// Executions whose history the test writes (the embedded engine is exercised by its own tests); it keeps
/// Step Functions' rules that the API relies on: start is idempotent by name, stop only while running,
/// redrive only after a failure.
/// </summary>
internal sealed class ScriptedRuntime(FakeTimeProvider time) : IOnboardingRuntime
{
    private readonly ConcurrentDictionary<string, Execution> _executions = new(StringComparer.Ordinal);

    public string DefinitionJson { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "onboarding.asl.json"));

    public int Starts { get; private set; }

    public Task<string> StartAsync(string executionName, string inputJson, CancellationToken cancellationToken)
    {
        var arn = $"arn:aws:states:us-east-1:111122223333:execution:sms-onboarding:{executionName}";
        _executions.GetOrAdd(arn, _ =>
        {
            Starts++;
            var e = new Execution(arn, inputJson, time.GetUtcNow());
            e.Events.Add(new ExecutionEvent(1, time.GetUtcNow(), "ExecutionStarted", null, new JsonObject { ["input"] = inputJson }));
            return e;
        });
        return Task.FromResult(arn);
    }

    public Execution Get(string onboardingId) => _executions.Values.Single(e => e.Arn.EndsWith(":" + onboardingId, StringComparison.Ordinal));

    public Task<ExecutionSnapshot?> DescribeAsync(string executionArn, CancellationToken cancellationToken) =>
        Task.FromResult(_executions.TryGetValue(executionArn, out var e)
            ? new ExecutionSnapshot(e.Arn, e.State, e.StartedAt, e.StoppedAt, e.Error, e.Cause)
            : null);

    public Task<IReadOnlyList<ExecutionEvent>> HistoryAsync(string executionArn, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ExecutionEvent>>(_executions.TryGetValue(executionArn, out var e) ? [.. e.Events] : []);

    public Task StopAsync(string executionArn, string cause, CancellationToken cancellationToken)
    {
        var e = _executions[executionArn];
        if (e.State != ExecutionState.Running)
        {
            throw new RuntimeConflictException($"Execution is {e.State}.");
        }
        e.Finish(ExecutionState.Aborted, time.GetUtcNow(), null, cause);
        return Task.CompletedTask;
    }

    public Task RedriveAsync(string executionArn, CancellationToken cancellationToken)
    {
        var e = _executions[executionArn];
        if (e.State != ExecutionState.Failed)
        {
            throw new RuntimeConflictException($"Execution is {e.State}: only failed executions can be redriven.");
        }
        e.State = ExecutionState.Running;
        e.StoppedAt = null;
        e.Events.Add(new ExecutionEvent(e.Events.Count + 1, time.GetUtcNow(), "ExecutionRedriven", null, null));
        return Task.CompletedTask;
    }

    internal sealed class Execution(string arn, string input, DateTimeOffset startedAt)
    {
        public string Arn { get; } = arn;
        public string Input { get; } = input;
        public DateTimeOffset StartedAt { get; } = startedAt;
        public ExecutionState State { get; set; } = ExecutionState.Running;
        public DateTimeOffset? StoppedAt { get; set; }
        public string? Error { get; private set; }
        public string? Cause { get; private set; }
        public List<ExecutionEvent> Events { get; } = [];

        public void Enter(string state, string type, DateTimeOffset at) =>
            Events.Add(new ExecutionEvent(Events.Count + 1, at, type + "StateEntered", state, null));

        public void Exit(string state, string type, DateTimeOffset at) =>
            Events.Add(new ExecutionEvent(Events.Count + 1, at, type + "StateExited", state, null));

        /// <param name="output">For a success: the execution's output JSON, carried by its ExecutionSucceeded event as in Step Functions.</param>
        public void Finish(ExecutionState state, DateTimeOffset at, string? error, string? cause, string? output = null)
        {
            State = state;
            StoppedAt = at;
            Error = error;
            Cause = cause;
            var type = state switch
            {
                ExecutionState.Succeeded => "ExecutionSucceeded",
                ExecutionState.Aborted => "ExecutionAborted",
                _ => "ExecutionFailed",
            };
            var details = output is null ? null : new JsonObject { ["executionSucceededEventDetails"] = new JsonObject { ["output"] = output } };
            Events.Add(new ExecutionEvent(Events.Count + 1, at, type, null, details));
        }
    }
}
