using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace SmsOnboarding.Aws.Tests.Support;

/// <summary>A FakeTimeProvider that reports every timer it creates, so a test can wait for a backoff delay and then advance past it.</summary>
public sealed class RecordingTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public RecordingTimeProvider()
        : base(new DateTimeOffset(2026, 11, 29, 4, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>The next timer due sooner than <paramref name="below"/> (per-attempt timeouts are longer and are skipped).</summary>
    public async Task<TimeSpan> NextTimerBelowAsync(TimeSpan below, CancellationToken ct)
    {
        while (true)
        {
            var due = await _timers.Reader.ReadAsync(ct);
            if (due < below)
            {
                return due;
            }
        }
    }
}
