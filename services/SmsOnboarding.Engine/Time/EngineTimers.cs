using SmsOnboarding.Engine.Runtime;

namespace SmsOnboarding.Engine.Time;

/// <summary>
/// Every durable timer of every execution in one priority queue behind ONE clock timer, so 10,000 waiting executions
/// cost 10,000 small entries, not 10,000 OS timers. The clock timer is always armed for the earliest LIVE timer (or
/// not at all): a skipping clock jumps to whatever the engine's timer is armed for, so a timer left armed for a
/// finished task or a closed execution would move simulated time for nobody (it did: 30 days per finished run).
/// Cancelled timers stay in the queue and are dropped when they reach its head (lazy deletion): a close costs
/// O(1) instead of rebuilding the queue.
/// </summary>
internal sealed class EngineTimers : IDisposable
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(30);
    private static readonly TimerKind[] RunKinds = [TimerKind.Wait, TimerKind.Retry, TimerKind.TaskTimeout, TimerKind.Heartbeat];
    private readonly TimeProvider _clock;
    private readonly PriorityQueue<Entry, DateTimeOffset> _queue = new();
    private readonly Dictionary<Execution, Dictionary<(int RunId, TimerKind Kind), DateTimeOffset>> _live = [];
    private readonly Lock _gate = new();
    private readonly ITimer _timer;
    private DateTimeOffset? _armedFor;
    private int _liveCount;
    private bool _disposed;

    public EngineTimers(TimeProvider clock)
    {
        _clock = clock;
        _timer = clock.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Timers some execution still waits on.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _liveCount;
            }
        }
    }

    /// <summary>Arms (or moves) the timer of this kind for this run.</summary>
    public void Schedule(Execution execution, int runId, TimerKind kind, DateTimeOffset due)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                // The engine closed; the timer is durable and is re-armed when the file is opened again.
                return;
            }
            if (!_live.TryGetValue(execution, out var timers))
            {
                _live[execution] = timers = [];
            }
            if (timers.TryAdd((runId, kind), due))
            {
                _liveCount++;
            }
            else
            {
                timers[(runId, kind)] = due;
            }
            _queue.Enqueue(new Entry(execution, runId, kind, due), due);
            if (_armedFor is null || due < _armedFor)
            {
                Arm(due);
            }
        }
    }

    /// <summary>Drops the run's state timers (wait, retry, task timeout, heartbeat): it left the state that armed them.</summary>
    public void CancelRun(Execution execution, int runId)
    {
        lock (_gate)
        {
            if (!_live.TryGetValue(execution, out var timers))
            {
                return;
            }
            foreach (var kind in RunKinds)
            {
                if (timers.Remove((runId, kind)))
                {
                    _liveCount--;
                }
            }
            if (timers.Count == 0)
            {
                _live.Remove(execution);
            }
            ArmForHead();
        }
    }

    /// <summary>Drops every timer of a closed execution.</summary>
    public void Remove(Execution execution)
    {
        lock (_gate)
        {
            if (_live.Remove(execution, out var timers))
            {
                _liveCount -= timers.Count;
                ArmForHead();
            }
        }
    }

    private bool IsLive(Entry entry) =>
        _live.TryGetValue(entry.Execution, out var timers) && timers.TryGetValue((entry.RunId, entry.Kind), out var due) && due == entry.Due;

    /// <summary>Drops cancelled entries from the head, then arms the clock timer for the first live one, or disarms it.</summary>
    private void ArmForHead()
    {
        while (_queue.TryPeek(out var head, out _) && !IsLive(head))
        {
            _queue.Dequeue();
        }
        if (_queue.TryPeek(out _, out var next))
        {
            if (_armedFor != next)
            {
                Arm(next);
            }
        }
        else if (_armedFor is not null && !_disposed)
        {
            _armedFor = null;
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    private void Arm(DateTimeOffset due)
    {
        if (_disposed)
        {
            return;
        }
        _armedFor = due;
        var delay = due - _clock.GetUtcNow();
        // Timers cannot be armed further out than ~49 days; a capped timer fires early, finds nothing due and re-arms.
        delay = delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxDelay ? MaxDelay : delay;
        _timer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    private void Fire()
    {
        var due = new List<Entry>();
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            while (_queue.TryPeek(out var entry, out var at) && at <= now)
            {
                _queue.Dequeue();
                if (IsLive(entry))
                {
                    var timers = _live[entry.Execution];
                    timers.Remove((entry.RunId, entry.Kind));
                    _liveCount--;
                    if (timers.Count == 0)
                    {
                        _live.Remove(entry.Execution);
                    }
                    due.Add(entry);
                }
            }
            _armedFor = null;
            ArmForHead();
        }
        foreach (var entry in due)
        {
            entry.Execution.Post(new TimerMessage(entry.RunId, entry.Kind, entry.Due));
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _queue.Clear();
            _live.Clear();
            _liveCount = 0;
            _timer.Dispose();
        }
    }

    private sealed record Entry(Execution Execution, int RunId, TimerKind Kind, DateTimeOffset Due);
}
