namespace SmsOnboarding.Steps.Idempotency;

public static class Once
{
    /// <summary>
    /// How long a claim keeps other attempts out. Longer than a step function's 60 s timeout, so a live attempt is
    /// never overtaken; short enough that the ASL's Retry (2 s doubling to 60 s, six attempts) outlasts a dead one.
    /// </summary>
    public static readonly TimeSpan InProgressExpiry = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Runs <paramref name="act"/> at most once per key across retries, re-runs, crashes and concurrent attempts.
    /// The key is claimed ("started", conditional write) before acting; a concurrent attempt that finds a live
    /// claim fails as transient so the ASL retries it later, and one that finds a dead claim first asks
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

        var now = time.GetUtcNow();
        if (record?.InProgressUntil > now)
        {
            throw InProgress(key);
        }

        if (record is not null && await recover(record.UpdatedAt).ConfigureAwait(false) is { } recovered)
        {
            await store.PutAsync(key, new IdempotencyRecord(IdempotencyRecord.Done, recovered, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            return recovered;
        }

        // A takeover keeps the first start time: recovery looks for what any attempt created since then.
        var claim = new IdempotencyRecord(IdempotencyRecord.Started, null, record?.UpdatedAt ?? now, now + InProgressExpiry);
        if (!await store.TryClaimAsync(key, claim, now, cancellationToken).ConfigureAwait(false))
        {
            return await store.GetAsync(key, cancellationToken).ConfigureAwait(false) is { IsDone: true, Value: { } theirs }
                ? theirs
                : throw InProgress(key);
        }

        string value;
        try
        {
            value = await act().ConfigureAwait(false);
        }
        catch
        {
            // As Powertools does on an exception: give the claim up so the ASL's retry may act at once; the record
            // stays "started", so that retry first looks for anything this attempt created.
            await store.PutAsync(key, claim with { InProgressUntil = null }, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        await store.PutAsync(key, new IdempotencyRecord(IdempotencyRecord.Done, value, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return value;
    }

    public static Task<string?> NothingToRecover(DateTimeOffset startedAt) => Task.FromResult<string?>(null);

    private static StepException InProgress(string key) =>
        StepException.Transient($"Another attempt is already doing this ({IdempotencyKeys.Reference(key)}); retrying after it finishes or its claim expires.");
}
