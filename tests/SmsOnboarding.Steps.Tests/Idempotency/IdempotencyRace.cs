using Microsoft.Extensions.Time.Testing;
using SmsOnboarding.Steps.Idempotency;

namespace SmsOnboarding.Steps.Tests.Idempotency;

/// <summary>
/// Two attempts of one side effect at once, each through its own store instance (as two Lambda instances or two
/// processes would be). The first to act holds its action open until the other attempt has finished, so if the
/// claim let both through, both would act.
/// </summary>
internal static class IdempotencyRace
{
    public static async Task<(int Acts, IReadOnlyList<Exception?> Failures)> RunAsync(IIdempotencyStore first, IIdempotencyStore second, string key)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 4, 0, 0, TimeSpan.Zero));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var acts = 0;
        async Task<string> Act()
        {
            if (Interlocked.Increment(ref acts) > 1)
            {
                release.TrySetResult();
            }

            await release.Task.ConfigureAwait(false);
            return "case-1";
        }

        var attempts = new[] { first, second }
            .Select(store => Task.Run(() => store.RunAsync(key, time, Once.NothingToRecover, Act)))
            .ToList();
        foreach (var attempt in attempts)
        {
            _ = attempt.ContinueWith(_ => release.TrySetResult(), TaskScheduler.Default);
        }

        var failures = new List<Exception?>();
        foreach (var attempt in attempts)
        {
            try
            {
                Assert.Equal("case-1", await attempt);
                failures.Add(null);
            }
            catch (StepException e)
            {
                failures.Add(e);
            }
        }

        return (acts, failures);
    }
}
