using CsCheck;

namespace SmsOnboarding.Asl.Tests;

public class RetrierTests
{
    [Fact]
    public void Defaults_are_one_second_three_attempts_backoff_two_no_jitter()
    {
        var definition = Json.Single("""{"Type":"Task","Resource":"arn:r","End":true,"Retry":[{"ErrorEquals":["States.ALL"]}]}""");
        var retrier = ((TaskState)definition["S"]).Retry.Single();

        Assert.Equal(1, retrier.IntervalSeconds);
        Assert.Equal(3, retrier.MaxAttempts);
        Assert.Equal(2.0, retrier.BackoffRate);
        Assert.Null(retrier.MaxDelaySeconds);
        Assert.Equal(JitterStrategy.None, retrier.Jitter);
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 6)]
    [InlineData(3, 12)]
    [InlineData(4, 24)]
    public void Delay_grows_by_the_backoff_rate_per_attempt(int attempt, double expectedSeconds)
    {
        var retrier = new Retrier(["E"], IntervalSeconds: 3, BackoffRate: 2);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), retrier.DelayBefore(attempt, 0.5));
    }

    [Fact]
    public void Delay_is_capped_by_max_delay_seconds()
    {
        var retrier = new Retrier(["E"], IntervalSeconds: 1, MaxAttempts: 20, BackoffRate: 3, MaxDelaySeconds: 10);
        Assert.Equal(TimeSpan.FromSeconds(9), retrier.DelayBefore(3, 0));
        Assert.Equal(TimeSpan.FromSeconds(10), retrier.DelayBefore(4, 0));
        Assert.Equal(TimeSpan.FromSeconds(10), retrier.DelayBefore(19, 0));
    }

    [Fact]
    public void Full_jitter_scales_the_capped_delay_by_the_random_value()
    {
        var retrier = new Retrier(["E"], IntervalSeconds: 2, BackoffRate: 2, MaxDelaySeconds: 5, Jitter: JitterStrategy.Full);
        Assert.Equal(TimeSpan.Zero, retrier.DelayBefore(3, 0));
        Assert.Equal(TimeSpan.FromSeconds(2.5), retrier.DelayBefore(3, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(1), retrier.DelayBefore(1, 0.5));
    }

    [Fact]
    public void Full_jitter_always_stays_within_zero_and_the_unjittered_delay() =>
        Gen.Select(Gen.Int[1, 30], Gen.Double[0, 0.999999], Gen.Int[1, 60], Gen.Double[1, 4], Gen.Int[1, 3600])
            .Sample((attempt, random, interval, backoff, maxDelay) =>
            {
                var plain = new Retrier(["E"], interval, 100, backoff, maxDelay, JitterStrategy.None);
                var jittered = plain with { Jitter = JitterStrategy.Full };
                var ceiling = plain.DelayBefore(attempt, 0);
                var delay = jittered.DelayBefore(attempt, random);
                return delay >= TimeSpan.Zero && delay <= ceiling && ceiling <= TimeSpan.FromSeconds(maxDelay);
            });

    [Fact]
    public void Attempt_numbers_start_at_one_and_random_must_be_below_one()
    {
        var retrier = new Retrier(["E"]);
        Assert.Throws<ArgumentOutOfRangeException>(() => retrier.DelayBefore(0, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => retrier.DelayBefore(1, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => retrier.DelayBefore(1, -0.1));
    }

    [Fact]
    public void Huge_backoff_does_not_overflow()
    {
        var retrier = new Retrier(["E"], IntervalSeconds: 99_999_999, MaxAttempts: 1000, BackoffRate: 10);
        Assert.True(retrier.DelayBefore(500, 0) > TimeSpan.FromDays(365));
    }

    [Fact]
    public void Max_attempts_zero_never_allows_a_retry()
    {
        Assert.False(new Retrier(["E"], MaxAttempts: 0).AllowsRetry(0));
        Assert.True(new Retrier(["E"], MaxAttempts: 2).AllowsRetry(1));
        Assert.False(new Retrier(["E"], MaxAttempts: 2).AllowsRetry(2));
    }
}
