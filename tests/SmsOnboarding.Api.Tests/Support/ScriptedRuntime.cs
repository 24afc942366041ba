using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SmsOnboarding.Api.Onboardings;

namespace SmsOnboarding.Api.Tests.Support;

/// <summary>
/// Executions whose history the test writes (the embedded engine is exercised by its own tests); it keeps
/// Step Functions' rules that the API relies on: start is idempotent by name, stop only while running,
/// redrive only after a failure; and, like the engine, it tells its subscribers of every event it adds.
/// </summary>
internal sealed class ScriptedRuntime(FakeTimeProvider time) : IOnboardingRuntime, IExecutionEventSource
{
    private readonly ConcurrentDictionary<string, Execution> _executions = new(StringComparer.Ordinal);
    private Action<ExecutionUpdate> _subscribers = _ => { };

    public void Subscribe(Action<ExecutionUpdate> onUpdate) => _subscribers += onUpdate;

    private void Publish(string arn, ExecutionEvent e) => _subscribers(new ExecutionUpdate(arn, [e]));

    public string DefinitionJson { get; } = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "onboarding.asl.json"));

    public int Starts { get; private set; }

    /// <summary>Reads of executions (describe and history): list and detail of status should make none.</summary>
    public int Calls => _calls;

    private int _calls;

    public Task<string> StartAsync(string executionName, string inputJson, CancellationToken cancellationToken)
    {
        var arn = $"arn:aws:states:us-east-1:111122223333:execution:sms-onboarding:{executionName}";
        _executions.GetOrAdd(arn, _ =>
        {
            Starts++;
            var e = new Execution(arn, inputJson, time.GetUtcNow(), Publish);
            e.Add("ExecutionStarted", null, time.GetUtcNow(), new JsonObject { ["input"] = inputJson });
            return e;
        });
        return Task.FromResult(arn);
    }

    public Execution Get(string onboardingId) => _executions.Values.Single(e => e.Arn.EndsWith(":" + onboardingId, StringComparison.Ordinal));

    public Task<ExecutionSnapshot?> DescribeAsync(string executionArn, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult(_executions.TryGetValue(executionArn, out var e)
            ? new ExecutionSnapshot(e.Arn, e.State, e.StartedAt, e.StoppedAt, e.Error, e.Cause)
            : null);
    }

    public Task<IReadOnlyList<ExecutionEvent>> HistoryAsync(string executionArn, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult<IReadOnlyList<ExecutionEvent>>(_executions.TryGetValue(executionArn, out var e) ? [.. e.Events] : []);
    }

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
        e.Add("ExecutionRedriven", null, time.GetUtcNow(), null);
        return Task.CompletedTask;
    }

    internal sealed class Execution(string arn, string input, DateTimeOffset startedAt, Action<string, ExecutionEvent> published)
    {
        public string Arn { get; } = arn;
        public string Input { get; } = input;
        public DateTimeOffset StartedAt { get; } = startedAt;
        public ExecutionState State { get; set; } = ExecutionState.Running;
        public DateTimeOffset? StoppedAt { get; set; }
        public string? Error { get; private set; }
        public string? Cause { get; private set; }
        public List<ExecutionEvent> Events { get; } = [];

        public void Enter(string state, string type, DateTimeOffset at) => Add(type + "StateEntered", state, at, null);

        public void Exit(string state, string type, DateTimeOffset at) => Add(type + "StateExited", state, at, null);

        public void Add(string type, string? state, DateTimeOffset at, JsonObject? details) => published(Arn, AddUnpublished(type, state, at, details));

        /// <summary>An event in the history that nobody hears of (as when a crash falls between commit and delivery).</summary>
        public ExecutionEvent AddUnpublished(string type, string? state, DateTimeOffset at, JsonObject? details = null)
        {
            var e = new ExecutionEvent(Events.Count + 1, at, type, state, details);
            Events.Add(e);
            return e;
        }

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
            // Shaped as Step Functions' history: the output, or error and cause, in executionSucceededEventDetails and the like.
            var details = state == ExecutionState.Succeeded
                ? output is null ? null : new JsonObject { ["executionSucceededEventDetails"] = new JsonObject { ["output"] = output } }
                : new JsonObject { [char.ToLowerInvariant(type[0]) + type[1..] + "EventDetails"] = new JsonObject { ["error"] = error, ["cause"] = cause } };
            Add(type, null, at, details);
        }
    }
}
