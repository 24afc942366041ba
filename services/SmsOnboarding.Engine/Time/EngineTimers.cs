using SmsOnboarding.Engine.Runtime;

namespace SmsOnboarding.Engine.Time;

/// <summary>
/// Every durable timer of every execution in one priority queue behind ONE clock timer armed for the earliest due
/// time, so 10,000 waiting executions cost 10,000 small entries, not 10,000 OS timers. Stale entries (a task that
/// finished before its timeout) are dropped by the execution, which checks the due time against its state.
/// </summary>
internal sealed class EngineTimers : IDisposable
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(30);
    private readonly TimeProvider _clock;
    private readonly PriorityQueue<Entry, DateTimeOffset> _queue = new();
    private readonly Lock _gate = new();
    private readonly ITimer _timer;
    private DateTimeOffset? _armedFor;
    private bool _disposed;

    public EngineTimers(TimeProvider clock)
    {
        _clock = clock;
        _timer = clock.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    public void Schedule(Execution execution, int runId, TimerKind kind, DateTimeOffset due)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                // The engine closed; the timer is durable and is re-armed when the file is opened again.
                return;
            }
            _queue.Enqueue(new Entry(execution, runId, kind, due), due);
            if (_armedFor is null || due < _armedFor)
            {
                Arm(due);
            }
        }
    }

    public void Remove(Execution execution)
    {
        lock (_gate)
        {
            var keep = _queue.UnorderedItems.Where(x => x.Element.Execution != execution).ToList();
            if (keep.Count == _queue.Count)
            {
                return;
            }
            _queue.Clear();
            foreach (var (element, priority) in keep)
            {
                _queue.Enqueue(element, priority);
            }
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
                due.Add(entry);
            }
            _armedFor = null;
            if (_queue.TryPeek(out _, out var next))
            {
                Arm(next);
            }
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
            _timer.Dispose();
        }
    }

    private sealed record Entry(Execution Execution, int RunId, TimerKind Kind, DateTimeOffset Due);
}
