namespace SmsOnboarding.Steps.Idempotency;

public static class Once
{
    /// <summary>
    /// Runs <paramref name="act"/> at most once per key across retries, re-runs and crashes. The key is written
    /// as "started" before acting; a later attempt that finds "started" without a result first asks
    /// <paramref name="recover"/> to find what the interrupted attempt may have created (given when it started).
    /// </summary>
    public static async Task<string> RunAsync(
        this IIdempotencyStore store,
        string key,
        TimeProvider time,
        Func<DateTimeOffset, Task<string?>> recover,
        Func<Task<string>> act,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(recover);
        ArgumentNullException.ThrowIfNull(act);
        var record = await store.GetAsync(key, cancellationToken).ConfigureAwait(false);
        if (record is { IsDone: true, Value: { } done })
        {
            return done;
        }

        if (record is not null && await recover(record.UpdatedAt).ConfigureAwait(false) is { } recovered)
        {
            await store.PutAsync(key, new IdempotencyRecord(IdempotencyRecord.Done, recovered, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            return recovered;
        }

        var startedAt = record?.UpdatedAt ?? time.GetUtcNow();
        await store.PutAsync(key, new IdempotencyRecord(IdempotencyRecord.Started, null, startedAt), cancellationToken).ConfigureAwait(false);
        var value = await act().ConfigureAwait(false);
        await store.PutAsync(key, new IdempotencyRecord(IdempotencyRecord.Done, value, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return value;
    }

    public static Task<string?> NothingToRecover(DateTimeOffset startedAt) => Task.FromResult<string?>(null);
}
