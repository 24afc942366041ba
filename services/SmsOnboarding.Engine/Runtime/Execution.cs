using System.Collections.Concurrent;
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
/// This part is the actor loop; the interpreter (States), task states (Tasks), callbacks, timers and lifecycle
/// (Control) are the other parts, and what they share is narrow: handler calls live in <see cref="TaskDispatcher"/>,
/// timers in <see cref="RunTimers"/>, pending events in <see cref="ExecutionHistory"/>, $$ in <see cref="ContextObject"/>.
/// </summary>
internal sealed partial class Execution
{
    public const int MaxPayloadBytes = 256 * 1024;

    private readonly StepFunctionsEngine _engine;
    private readonly StateMachine<ExecutionStatus, ExecutionTrigger> _lifecycle;
    private readonly ConcurrentQueue<ExecutionMessage> _mailbox = new();
    private readonly List<Action> _effects = [];
    private readonly Queue<int> _ready = new();
    private readonly ExecutionHistory _history;
    private readonly TaskDispatcher _dispatcher;
    private readonly RunTimers _timers;
    private readonly ContextObject _context;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _dirty;
    private int _scheduled;

    public Execution(StepFunctionsEngine engine, ExecutionSnapshot snapshot, string stateMachineName)
    {
        _engine = engine;
        Snapshot = snapshot;
        StateMachineName = stateMachineName;
        _lifecycle = ExecutionLifecycle.For(snapshot);
        _history = new ExecutionHistory(snapshot, engine.Clock);
        _dispatcher = new TaskDispatcher(engine, Post);
        _timers = new RunTimers(engine.Timers, this, AddEffect);
        _context = new ContextObject(snapshot, stateMachineName);
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
                if (_history.Pending.Count > 0 || _dirty)
                {
                    PublishAfterCommit();
                    var commit = ExecutionCommit.Capture(this, _history.Pending, [.. _effects]);
                    _history.Pending.Clear();
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

    // Raised as the commit's first effect: nobody hears of an event that a crash could still take back.
    private void PublishAfterCommit()
    {
        if (_engine.Options.Events is { } sink && _history.Pending.Count > 0)
        {
            var committed = new CommittedEvents(Snapshot.Arn, [.. _history.Pending]);
            _effects.Insert(0, () => sink.Committed(committed));
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
                $"The execution reached the maximum number of history events ({ExecutionHistory.MaxEvents}).", output: null, force: true);
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

    private long Emit(RunState? run, string type, Action<HistoryEvent>? details = null, bool final = false) =>
        _history.Emit(run, type, details, final);

    private void AddEffect(Action effect) => _effects.Add(effect);

    private JsonObject Context(RunState run) => _context.For(run);

    private static string Json(JsonNode? node) => node?.ToJsonString() ?? "null";

    private static int Utf8Length(string text) => System.Text.Encoding.UTF8.GetByteCount(text);

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
