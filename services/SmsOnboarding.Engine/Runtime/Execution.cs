using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmsOnboarding.Asl;
using SmsOnboarding.Aws.StepFunctions.Model;
using SmsOnboarding.Engine.Persistence;
using Stateless;

namespace SmsOnboarding.Engine.Runtime;

/// <summary>
/// One execution as an actor: messages are applied one at a time (Stateless machines are not thread-safe), the
/// resulting history events and snapshot are committed by the group-commit writer, and only then do their effects
/// (task dispatch, timers, API replies) happen. No thread is held while an execution waits.
/// </summary>
internal sealed partial class Execution
{
    public const int MaxHistoryEvents = 25_000;
    public const int MaxPayloadBytes = 256 * 1024;

    private readonly StepFunctionsEngine _engine;
    private readonly StateMachine<ExecutionStatus, ExecutionTrigger> _lifecycle;
    private readonly ConcurrentQueue<ExecutionMessage> _mailbox = new();
    private readonly List<HistoryEvent> _events = [];
    private readonly List<Action> _effects = [];
    private readonly Queue<int> _ready = new();
    private readonly Dictionary<int, CancellationTokenSource> _inflight = [];
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private JsonObject? _context;
    private bool _dirty;
    private int _scheduled;

    public Execution(StepFunctionsEngine engine, ExecutionSnapshot snapshot, string stateMachineName)
    {
        _engine = engine;
        Snapshot = snapshot;
        StateMachineName = stateMachineName;
        _lifecycle = ExecutionLifecycle.For(snapshot);
        if (snapshot.LastEventId > 0)
        {
            // Resumed from disk or redriven: ExecutionStarted was committed long ago. A StartExecution with the same
            // name and input awaits this (Step Functions' idempotent start) and must not wait forever.
            _started.TrySetResult();
        }
    }

    public ExecutionSnapshot Snapshot { get; }

    public string StateMachineName { get; }

    /// <summary>Completes when ExecutionStarted is committed (at once for an execution loaded from disk).</summary>
    public Task Started => _started.Task;

    public TaskCompletionSource StartedSource => _started;

    /// <summary>Completes when the execution closes (committed).</summary>
    public Task Closed => _closed.Task;

    private DateTimeOffset Now => _engine.Clock.GetUtcNow();

    public void Post(ExecutionMessage message)
    {
        _mailbox.Enqueue(message);
        Schedule();
    }

    private void Schedule()
    {
        if (Interlocked.Exchange(ref _scheduled, 1) == 0)
        {
            _engine.BusyIncrement();
            ThreadPool.UnsafeQueueUserWorkItem(static e => e.Drain(), this, preferLocal: false);
        }
    }

    private void Drain()
    {
        while (true)
        {
            while (_mailbox.TryDequeue(out var message))
            {
                Apply(message);
                if (_events.Count > 0 || _dirty)
                {
                    var commit = ExecutionCommit.Capture(this, _events, [.. _effects]);
                    _events.Clear();
                    _effects.Clear();
                    _dirty = false;
                    _engine.Writer.Enqueue(commit);
                    return; // resumes in AfterCommit, still scheduled
                }
                RunEffects([.. _effects]);
                _effects.Clear();
            }
            Volatile.Write(ref _scheduled, 0);
            if (_mailbox.IsEmpty || Interlocked.Exchange(ref _scheduled, 1) != 0)
            {
                _engine.BusyDecrement();
                return;
            }
        }
    }

    private void AfterCommit(List<Action> effects, Exception? error)
    {
        if (error is not null)
        {
            _engine.Fault(error);
            _engine.BusyDecrement();
            return;
        }
        ThreadPool.UnsafeQueueUserWorkItem(static s =>
        {
            RunEffects(s.Effects);
            s.Execution.Drain();
        }, (Execution: this, Effects: effects), preferLocal: true);
    }

    private static void RunEffects(List<Action> effects)
    {
        foreach (var effect in effects)
        {
            effect();
        }
    }

    private void Apply(ExecutionMessage message)
    {
        try
        {
            switch (message)
            {
                case StartMessage start:
                    Start();
                    AddEffect(() => start.Started.TrySetResult());
                    break;
                case RecoverMessage:
                    Recover();
                    break;
                case TimerMessage timer:
                    OnTimer(timer);
                    break;
                case HandlerResultMessage result:
                    OnHandlerResult(result);
                    break;
                case ActivityStartedMessage started:
                    OnActivityStarted(started);
                    break;
                case CallbackMessage callback:
                    OnCallback(callback);
                    break;
                case StopMessage stop:
                    OnStop(stop);
                    break;
                case RedriveMessage redrive:
                    OnRedrive(redrive);
                    break;
            }
            DrainReady();
        }
        catch (HistoryLimitException)
        {
            _ready.Clear();
            CloseExecution(ExecutionTrigger.Fail, ErrorNames.Runtime,
                $"The execution reached the maximum number of history events ({MaxHistoryEvents}).", output: null, force: true);
        }
    }

    private void DrainReady()
    {
        while (_ready.TryDequeue(out var runId))
        {
            if (Snapshot.Status == ExecutionStatus.Running && Snapshot.Runs.TryGetValue(runId, out var run) && run.Phase == RunPhase.Ready)
            {
                Advance(run);
            }
        }
    }

    // ---- history --------------------------------------------------------------------------------------------

    private long Emit(RunState? run, string type, Action<HistoryEvent>? details = null, bool final = false)
    {
        // The last slot is kept for the ExecutionFailed event that reports the limit.
        if (!final && Snapshot.LastEventId >= MaxHistoryEvents - 1)
        {
            throw new HistoryLimitException();
        }
        var id = ++Snapshot.LastEventId;
        var e = new HistoryEvent
        {
            Id = id,
            Type = type,
            Timestamp = Now.UtcDateTime,
            PreviousEventId = run is null ? id - 1 : run.LastEventId,
        };
        details?.Invoke(e);
        _events.Add(e);
        if (run is not null)
        {
            run.LastEventId = id;
        }
        return id;
    }

    private void AddEffect(Action effect) => _effects.Add(effect);

    // ---- context object ($$) --------------------------------------------------------------------------------

    private JsonObject Context(RunState run)
    {
        var s = Snapshot;
        _context ??= new JsonObject
        {
            ["Execution"] = new JsonObject
            {
                ["Id"] = s.Arn,
                ["Input"] = JsonNode.Parse(s.Input),
                ["Name"] = s.Name,
                ["RoleArn"] = s.RoleArn,
                ["StartTime"] = Iso(s.StartDate),
                ["RedriveCount"] = s.RedriveCount,
            },
            ["StateMachine"] = new JsonObject
            {
                ["Id"] = s.StateMachineArn,
                ["Name"] = StateMachineName,
            },
        };
        ((JsonObject)_context["Execution"]!)["RedriveCount"] = s.RedriveCount;
        _context["State"] = new JsonObject
        {
            ["EnteredTime"] = Iso(run.EnteredTime),
            ["Name"] = run.StateName,
            ["RetryCount"] = run.RetryCount,
        };
        if (run.TaskToken is { } token)
        {
            _context["Task"] = new JsonObject { ["Token"] = token };
        }
        else
        {
            _context.Remove("Task");
        }
        return _context;
    }

    public static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Json(JsonNode? node) => node?.ToJsonString() ?? "null";

    private static int Utf8Length(string text) => System.Text.Encoding.UTF8.GetByteCount(text);

    private sealed class HistoryLimitException : Exception;

    /// <summary>
    /// The execution's events and snapshot, written in the writer's next transaction. They are serialised to UTF-8 here,
    /// on the execution's own thread, so the single writer thread only binds bytes: serialising inside the writer made
    /// it the bottleneck of every execution.
    /// </summary>
    private sealed class ExecutionCommit(Execution execution, long[] eventIds, byte[][] eventBodies, string status, byte[] snapshot, List<Action> effects) : WriteItem
    {
        public static ExecutionCommit Capture(Execution execution, List<HistoryEvent> events, List<Action> effects)
        {
            var ids = new long[events.Count];
            var bodies = new byte[events.Count][];
            for (var i = 0; i < events.Count; i++)
            {
                ids[i] = events[i].Id!.Value;
                bodies[i] = JsonSerializer.SerializeToUtf8Bytes(events[i], StepFunctionsJsonContext.Default.HistoryEvent);
            }
            var s = execution.Snapshot;
            var snapshot = JsonSerializer.SerializeToUtf8Bytes(s, SnapshotJsonContext.Default.ExecutionSnapshot);
            return new ExecutionCommit(execution, ids, bodies, s.Status.ToString(), snapshot, effects);
        }

        public override void Apply(WriterCommands commands)
        {
            var s = execution.Snapshot;
            for (var i = 0; i < eventIds.Length; i++)
            {
                commands.InsertEvent(s.Id, eventIds[i], eventBodies[i]);
            }
            commands.UpsertExecution(s.Id, s.Arn, s.StateMachineArn, status, EngineDatabase.ToMillis(s.StartDate), snapshot);
        }

        public override void Completed(Exception? error) => execution.AfterCommit(effects, error);
    }
}
