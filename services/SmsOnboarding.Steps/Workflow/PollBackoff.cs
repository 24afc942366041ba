namespace SmsOnboarding.Steps.Workflow;

/// <summary>
/// Capped exponential backoff for the ASL poll loops (Wait → Check → Choice). The delay is computed here rather
/// than in ASL because ASL has no multiply or min; every poll costs 9 history events, so the cap decides how
/// long a review can be watched within the 25,000-event limit.
/// </summary>
public static class PollBackoff
{
    /// <summary>History events one loop iteration writes: Wait (2) + Task (5) + Choice (2).</summary>
    public const int EventsPerPoll = 9;

    public static int DelaySeconds(int attempt, int initialSeconds, int maxSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        ArgumentOutOfRangeException.ThrowIfLessThan(initialSeconds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSeconds, initialSeconds);
        var exponent = Math.Min(attempt, 30);
        var delay = initialSeconds * Math.Pow(2, exponent);
        return (int)Math.Min(delay, maxSeconds);
    }

    /// <summary>How many polls a wait of <paramref name="duration"/> takes before it is noticed.</summary>
    public static int PollsToCover(TimeSpan duration, int initialSeconds, int maxSeconds)
    {
        var waited = 0L;
        var polls = 0;
        while (waited < duration.TotalSeconds)
        {
            waited += DelaySeconds(polls, initialSeconds, maxSeconds);
            polls++;
        }

        return polls;
    }
}
