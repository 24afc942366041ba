namespace SmsOnboarding.Engine.Time;

/// <summary>
/// A clock that runs with real time (from an inner provider) plus an offset that only grows, and that can jump
/// forward to the earliest pending timer. Every timer created through it (<see cref="TimeProvider.CreateTimer"/>,
/// <c>Task.Delay(delay, clock)</c>, <c>CancellationTokenSource(delay, clock)</c>) is tracked, so a jump never goes
/// past any consumer's wake-up: share ONE instance between the engine, the simulator and anything else with delays.
/// A consumer doing timer-less work that a jump must not overtake holds <see cref="Hold"/> while it works.
/// The engine calls <see cref="TrySkipToNextTimer"/> when all its executions are idle on timers.
/// </summary>
public sealed class SkippingTimeProvider : TimeProvider
{
    private readonly TimeProvider _inner;
    private readonly Lock _gate = new();
    private readonly HashSet<SkippableTimer> _timers = [];
    private TimeSpan _offset;
    private TimeSpan _skipped;
    private readonly Action<TimeSpan, DateTimeOffset>? _saveOffset;
    private int _holds;

    public SkippingTimeProvider(TimeProvider? inner = null, DateTimeOffset? start = null)
    {
        _inner = inner ?? System;
        if (start is { } s)
        {
            _offset = s - _inner.GetUtcNow();
        }
    }

    /// <summary>
    /// Resumes at <paramref name="offset"/> and hands every later offset (with the virtual time it makes) to
    /// <paramref name="saveOffset"/> before it takes effect; if that throws, the clock does not move (see <see cref="ClockFile"/>).
    /// </summary>
    internal SkippingTimeProvider(TimeProvider inner, TimeSpan offset, Action<TimeSpan, DateTimeOffset> saveOffset)
    {
        _inner = inner;
        _offset = offset;
        _saveOffset = saveOffset;
    }

    /// <summary>The offset added to the inner clock (grows with every skip).</summary>
    public TimeSpan Offset
    {
        get
        {
            lock (_gate)
            {
                return _offset;
            }
        }
    }

    /// <summary>When false, <see cref="TrySkipToNextTimer"/> does nothing (the clock is then just real time plus offset).</summary>
    public bool SkippingEnabled { get; set; } = true;

    /// <summary>Total virtual time skipped so far.</summary>
    public TimeSpan Skipped
    {
        get
        {
            lock (_gate)
            {
                return _skipped;
            }
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _inner.GetUtcNow() + _offset;
        }
    }

    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _inner.GetTimestamp() + (long)(_offset.Ticks * (TimestampFrequency / (double)TimeSpan.TicksPerSecond));
        }
    }

    public override long TimestampFrequency => _inner.TimestampFrequency;

    /// <summary>The due time of the earliest pending timer of any consumer, or null.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_gate)
            {
                DateTimeOffset? next = null;
                foreach (var t in _timers)
                {
                    if (t.Due is { } due && (next is null || due < next))
                    {
                        next = due;
                    }
                }
                return next;
            }
        }
    }

    /// <summary>Blocks skipping until disposed (for work that is not visible as a timer).</summary>
    public IDisposable Hold()
    {
        Interlocked.Increment(ref _holds);
        return new Release(this);
    }

    /// <summary>Jumps to the earliest pending timer and fires it (and every other timer then due). False when nothing to skip to.</summary>
    public bool TrySkipToNextTimer()
    {
        if (!SkippingEnabled || Volatile.Read(ref _holds) > 0)
        {
            return false;
        }
        List<SkippableTimer> due;
        lock (_gate)
        {
            var now = _inner.GetUtcNow() + _offset;
            DateTimeOffset? next = null;
            foreach (var t in _timers)
            {
                if (t.Due is { } d && (next is null || d < next))
                {
                    next = d;
                }
            }
            if (next is null)
            {
                return false;
            }
            if (next > now)
            {
                // Saved before it takes effect, so nothing stamped with the new time can be on disk before the clock is.
                _saveOffset?.Invoke(_offset + (next.Value - now), next.Value);
                _offset += next.Value - now;
                _skipped += next.Value - now;
            }
            now = _inner.GetUtcNow() + _offset;
            due = [.. _timers.Where(t => t.Due is { } d && d <= now)];
        }
        foreach (var t in due)
        {
            t.FireIfDue();
        }
        return true;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new SkippableTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
        }
        timer.Change(dueTime, period);
        return timer;
    }

    private void Remove(SkippableTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class Release(SkippingTimeProvider owner) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                Interlocked.Decrement(ref owner._holds);
            }
        }
    }

    private sealed class SkippableTimer : ITimer
    {
        private readonly SkippingTimeProvider _owner;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private readonly Lock _gate = new();
        private ITimer? _real;
        private TimeSpan _period = Timeout.InfiniteTimeSpan;
        private long _generation;
        private bool _disposed;

        public SkippableTimer(SkippingTimeProvider owner, TimerCallback callback, object? state)
        {
            _owner = owner;
            _callback = callback;
            _state = state;
        }

        public DateTimeOffset? Due { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return false;
                }
                _period = period;
                Arm(dueTime);
                return true;
            }
        }

        private void Arm(TimeSpan dueTime)
        {
            _real?.Dispose();
            _real = null;
            var generation = ++_generation;
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                Due = null;
                return;
            }
            if (dueTime < TimeSpan.Zero)
            {
                dueTime = TimeSpan.Zero;
            }
            Due = _owner.GetUtcNow() + dueTime;
            // Real timers cannot be armed beyond ~49 days; an early firing re-arms for the rest.
            var real = dueTime > TimeSpan.FromDays(30) ? TimeSpan.FromDays(30) : dueTime;
            _real = _owner._inner.CreateTimer(_ => FireIfDue(generation), null, real, Timeout.InfiniteTimeSpan);
        }

        public void FireIfDue() => FireIfDue(Volatile.Read(ref _generation));

        private void FireIfDue(long generation)
        {
            lock (_gate)
            {
                if (_disposed || generation != _generation || Due is not { } due)
                {
                    return;
                }
                if (due > _owner.GetUtcNow())
                {
                    // The real timer fired early relative to virtual time (cannot happen as the offset only grows); re-arm.
                    Arm(due - _owner.GetUtcNow());
                    return;
                }
                if (_period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan)
                {
                    Arm(_period);
                }
                else
                {
                    _real?.Dispose();
                    _real = null;
                    Due = null;
                    _generation++;
                }
            }
            // Synchronous, so a consumer's reaction (the engine posting work) is visible before the next skip decision.
            _callback(_state);
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                _real?.Dispose();
                _real = null;
                Due = null;
            }
            _owner.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
