namespace SmsOnboarding.Asl;

public enum JitterStrategy
{
    None,
    Full,
}

/// <summary>One entry of a state's Retry array (defaults as documented by AWS).</summary>
public sealed record Retrier(
    IReadOnlyList<string> ErrorEquals,
    double IntervalSeconds = 1,
    int MaxAttempts = 3,
    double BackoffRate = 2.0,
    double? MaxDelaySeconds = null,
    JitterStrategy Jitter = JitterStrategy.None)
{
    /// <summary>
    /// Delay before retry number <paramref name="attempt"/> (1-based): IntervalSeconds * BackoffRate^(attempt-1),
    /// capped by MaxDelaySeconds; with FULL jitter a uniform value in [0, delay] drawn from <paramref name="random01"/> in [0,1).
    /// </summary>
    public TimeSpan DelayBefore(int attempt, double random01)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        if (double.IsNaN(random01) || random01 < 0 || random01 >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(random01), random01, "Must be in [0, 1).");
        }

        var seconds = IntervalSeconds * Math.Pow(BackoffRate, attempt - 1);
        if (MaxDelaySeconds is { } max && seconds > max)
        {
            seconds = max;
        }

        if (Jitter == JitterStrategy.Full)
        {
            seconds *= random01;
        }

        // TimeSpan tops out near 29,000 years; a runaway backoff must not overflow.
        var capped = Math.Min(seconds, TimeSpan.MaxValue.TotalSeconds / 2);
        return TimeSpan.FromMilliseconds(Math.Round(capped * 1000));
    }

    /// <summary>True when a retry is still allowed after <paramref name="retriesSoFar"/> retries by this retrier.</summary>
    public bool AllowsRetry(int retriesSoFar) => retriesSoFar < MaxAttempts;
}

/// <summary>One entry of a state's Catch array. <see cref="ResultPath"/> is "$" when absent; when the definition has
/// an explicit <c>"ResultPath": null</c>, <see cref="ResultPathIsNull"/> is true and the error output is discarded.</summary>
public sealed record Catcher(IReadOnlyList<string> ErrorEquals, string Next, string? ResultPath, bool ResultPathIsNull);
