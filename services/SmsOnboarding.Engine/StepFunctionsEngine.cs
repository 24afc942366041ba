using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using SmsOnboarding.Asl;
using SmsOnboarding.Engine.Persistence;
using SmsOnboarding.Engine.Runtime;
using SmsOnboarding.Engine.Tasks;
using SmsOnboarding.Engine.Time;

namespace SmsOnboarding.Engine;

/// <summary>
/// The embedded Step Functions engine: runs ASL state machines durably on one SQLite file. Operations mirror the
/// Step Functions API (same request/response types as the AWS client); handlers for Lambda functions are
/// registered in-process by function name.
/// </summary>
public sealed partial class StepFunctionsEngine : IAsyncDisposable
{
    private static readonly TimeSpan MaxExecutionDuration = TimeSpan.FromDays(365);
    private readonly EngineDatabase _database;
    private readonly Lock _skipGate = new();
    private readonly ConcurrentDictionary<string, TaskHandler> _functions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, Execution> _active = new();
    private readonly ConcurrentDictionary<string, Execution> _activeByArn = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, string> _definitionBodies = new();
    private readonly ConcurrentDictionary<(long, string), StateMachineDefinition> _definitions = new();
    private readonly Lock _busyGate = new();
    private TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _busy;
    private long _nextExecutionId;
    private Exception? _fault;

    private StepFunctionsEngine(EngineOptions options)
    {
        Options = options;
        Clock = options.Clock;
        _database = new EngineDatabase(options.DatabasePath);
        _database.EnsureSchema();
        Writer = new GroupCommitWriter(_database);
        Timers = new EngineTimers(Clock);
        var random = options.Random ?? System.Random.Shared.NextDouble;
        Random = random;
        _idle.TrySetResult();
    }

    public EngineOptions Options { get; }

    /// <summary>The engine's clock (the one in the options).</summary>
    public TimeProvider Clock { get; }

    /// <summary>Executions currently held in memory (running, or closing).</summary>
    public int ActiveExecutions => _active.Count;

    internal GroupCommitWriter Writer { get; }

    internal EngineTimers Timers { get; }

    internal ActivityQueues Activities { get; } = new();

    internal Func<double> Random { get; }

    /// <summary>Opens (or creates) the database and resumes every execution that was running.</summary>
    public static async Task<StepFunctionsEngine> OpenAsync(EngineOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var engine = new StepFunctionsEngine(options);
        foreach (var (name, handler) in options.Functions)
        {
            engine.RegisterFunction(name, handler);
        }
        await engine.RecoverAsync(cancellationToken).ConfigureAwait(false);
        return engine;
    }

    /// <summary>Registers the handler for a Lambda function name (what follows <c>:function:</c> in its ARN).</summary>
    public void RegisterFunction(string functionName, TaskHandler handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(functionName);
        ArgumentNullException.ThrowIfNull(handler);
        _functions[FunctionNames.Resolve(functionName)] = handler;
    }

    internal bool TryGetFunction(string name, [NotNullWhen(true)] out TaskHandler? handler) => _functions.TryGetValue(name, out handler);

    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        var connection = _database.Open();
        await using (connection.ConfigureAwait(false))
        {
            using (var max = connection.CreateCommand())
            {
                max.CommandText = "SELECT COALESCE(MAX(id), 0) FROM executions";
                _nextExecutionId = (long)(await max.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }
            using var running = connection.CreateCommand();
            running.CommandText = "SELECT snapshot FROM executions WHERE status = 'Running'";
            var reader = await running.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var snapshot = JsonSerializer.Deserialize(reader.GetString(0), SnapshotJsonContext.Default.ExecutionSnapshot)!;
                    var execution = new Execution(this, snapshot, StateMachineNameOf(snapshot.StateMachineArn));
                    _active[snapshot.Id] = execution;
                    _activeByArn[snapshot.Arn] = execution;
                }
            }
        }
        foreach (var execution in _active.Values)
        {
            execution.Post(new RecoverMessage());
        }
    }

    internal StateMachineDefinition DefinitionAt(long definitionId, string path) =>
        _definitions.GetOrAdd((definitionId, path), key => Resolve(key.Item1, key.Item2));

    private StateMachineDefinition Resolve(long definitionId, string path)
    {
        if (path.Length == 0)
        {
            return StateMachineDefinition.Parse(DefinitionBody(definitionId));
        }
        var cut = path.LastIndexOf('/');
        var selector = path[(cut + 1)..];
        var parentPath = path[..cut];
        var stateCut = parentPath.LastIndexOf('/');
        var stateName = parentPath[(stateCut + 1)..];
        var parent = DefinitionAt(definitionId, parentPath[..stateCut]);
        return parent[stateName] switch
        {
            ParallelState p => p.Branches[int.Parse(selector, System.Globalization.CultureInfo.InvariantCulture)],
            MapState m => m.ItemProcessor,
            var other => throw new InvalidOperationException($"State '{other.Name}' has no nested definitions."),
        };
    }

    private string DefinitionBody(long definitionId) => _definitionBodies.GetOrAdd(definitionId, id =>
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM definitions WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return (string?)command.ExecuteScalar() ?? throw new InvalidOperationException($"Definition {id} is missing.");
    });

    internal DateTimeOffset ExecutionDeadline(long definitionId, DateTimeOffset from)
    {
        var limit = DefinitionAt(definitionId, "").TimeoutSeconds is { } seconds && TimeSpan.FromSeconds(seconds) < MaxExecutionDuration
            ? TimeSpan.FromSeconds(seconds)
            : MaxExecutionDuration;
        return from + limit;
    }

    internal void OnClosed(Execution execution)
    {
        _active.TryRemove(execution.Snapshot.Id, out _);
        _activeByArn.TryRemove(execution.Snapshot.Arn, out _);
        Timers.Remove(execution);
    }

    internal void Fault(Exception error) => _fault ??= error;

    private void ThrowIfFaulted()
    {
        if (_fault is { } fault)
        {
            throw new StepFunctionsException("ServiceUnavailable", $"The engine stopped after a database error: {fault.Message}", 500);
        }
    }

    // ---- quiescence and time skipping -----------------------------------------------------------------------

    internal void BusyIncrement()
    {
        lock (_busyGate)
        {
            if (_busy++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    internal void BusyDecrement()
    {
        TaskCompletionSource? idle = null;
        lock (_busyGate)
        {
            if (--_busy == 0)
            {
                idle = _idle;
            }
        }
        if (idle is not null)
        {
            idle.TrySetResult();
            if (Options.SkipTimeWhenIdle && Clock is SkippingTimeProvider)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static e => e.TrySkipTime(), this, preferLocal: false);
            }
        }
    }

    internal void InflightIncrement() => BusyIncrement();

    internal void InflightDecrement() => BusyDecrement();

    private bool IsIdle
    {
        get
        {
            lock (_busyGate)
            {
                return _busy == 0;
            }
        }
    }

    // One decision at a time: two callers that both saw the engine idle would otherwise both skip, and the second
    // jump (to the next timer, up to 30 days on) would land while the work the first one's timer posted is running.
    // Firing is synchronous, so under the gate the next caller sees that work as busy.
    private bool TrySkipTime()
    {
        lock (_skipGate)
        {
            // Only a running execution's timer may move the clock: with none (everything finished, or only people
            // to wait for) time stands still, even if some other consumer has a timer far out.
            if (Clock is not SkippingTimeProvider clock || !IsIdle || Timers.Count == 0)
            {
                return false;
            }
            if (!Options.SkipWhileAwaitingCallbacks && _active.Values.Any(e => e.CountAwaitingCallbacks() > 0))
            {
                return false;
            }
            return clock.TrySkipToNextTimer();
        }
    }

    /// <summary>Completes when no execution has runnable work, no handler is running and every transition is committed.</summary>
    public async Task WaitForQuiescenceAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task idle;
            lock (_busyGate)
            {
                if (_busy == 0)
                {
                    return;
                }
                idle = _idle.Task;
            }
            await idle.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs until every execution has closed or is stuck on something no timer will resolve: waits for quiescence and,
    /// with a <see cref="SkippingTimeProvider"/> clock, jumps to the next timer each time (a 30-day workflow runs in seconds).
    /// </summary>
    public async Task RunUntilIdleAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            await WaitForQuiescenceAsync(cancellationToken).ConfigureAwait(false);
            ThrowIfFaulted();
            if (_active.IsEmpty || !TrySkipTime())
            {
                return;
            }
            await Task.Yield();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Timers.Dispose();
        await Writer.DisposeAsync().ConfigureAwait(false);
    }

    internal static string StateMachineNameOf(string stateMachineArn) => stateMachineArn[(stateMachineArn.LastIndexOf(':') + 1)..];
}
