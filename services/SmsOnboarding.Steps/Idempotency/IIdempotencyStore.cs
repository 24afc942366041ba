namespace SmsOnboarding.Steps.Idempotency;

/// <summary>
/// Durable memory of side effects already started or done, keyed by (execution, step, need). Checked before
/// acting so a retried or re-run task never opens a second case or sends a second code.
/// </summary>
public interface IIdempotencyStore
{
    Task<IdempotencyRecord?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Writes (or overwrites) the record; used for "done" records, which no later attempt may change.</summary>
    Task PutAsync(string key, IdempotencyRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the "started" <paramref name="claim"/> in one conditional write, only when the key has no record or
    /// holds a "started" claim whose <see cref="IdempotencyRecord.InProgressUntil"/> is before <paramref name="now"/>
    /// (its attempt died). False when another attempt holds a live claim or the key is done: that attempt acts.
    /// </summary>
    Task<bool> TryClaimAsync(string key, IdempotencyRecord claim, DateTimeOffset now, CancellationToken cancellationToken = default);
}

/// <summary>
/// State "started" = an attempt claimed the key and its outcome is unknown; "done" = <see cref="Value"/> holds the
/// result. <see cref="InProgressUntil"/> bounds a started claim: after it, the attempt counts as dead.
/// </summary>
public sealed record IdempotencyRecord(string State, string? Value, DateTimeOffset UpdatedAt, DateTimeOffset? InProgressUntil = null)
{
    public const string Started = "started";
    public const string Done = "done";

    public bool IsDone => State == Done;
}

public static class IdempotencyKeys
{
    /// <summary>Execution ARN survives redrive and engine restarts, so a re-run finds what the first run did.</summary>
    public static string For(string executionArn, string step, string? detail = null) =>
        detail is null ? $"{executionArn}|{step}" : $"{executionArn}|{step}|{detail}";

    /// <summary>A short stable reference safe to show in a case body or use as a client token (≤ 64 chars).</summary>
    public static string Reference(string key) =>
        "smsonb-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..32];
}
