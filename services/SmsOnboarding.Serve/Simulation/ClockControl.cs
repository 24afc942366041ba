using SmsOnboarding.Engine.Time;

namespace SmsOnboarding.Serve.Simulation;

/// <summary>Moves a <see cref="SkippingTimeProvider"/> forward by an exact amount, firing every timer on the way.</summary>
public static class ClockControl
{
    public static void Advance(SkippingTimeProvider clock, TimeSpan by)
    {
        ArgumentNullException.ThrowIfNull(clock);
        // The clock only jumps to timers: plant one at the target so the last jump lands exactly there.
        using var target = clock.CreateTimer(static _ => { }, null, by, Timeout.InfiniteTimeSpan);
        var until = clock.GetUtcNow() + by;
        var enabled = clock.SkippingEnabled;
        clock.SkippingEnabled = true;
        try
        {
            while (clock.GetUtcNow() < until && clock.TrySkipToNextTimer())
            {
            }
        }
        finally
        {
            clock.SkippingEnabled = enabled;
        }
    }
}
