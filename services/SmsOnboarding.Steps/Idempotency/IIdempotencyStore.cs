namespace SmsOnboarding.Steps.Idempotency;

/// <summary>
/// Durable memory of side effects already started or done, keyed by (execution, step, need). Checked before
/// acting so a retried or re-run task never opens a second case or sends a second code.
/// </summary>
public interface IIdempotencyStore
{
    Task<IdempotencyRecord?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Writes (or overwrites) the record.</summary>
    Task PutAsync(string key, IdempotencyRecord record, CancellationToken cancellationToken = default);
}

/// <summary>State "started" = the call went out and its outcome is unknown; "done" = <see cref="Value"/> holds the result.</summary>
public sealed record IdempotencyRecord(string State, string? Value, DateTimeOffset UpdatedAt)
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
