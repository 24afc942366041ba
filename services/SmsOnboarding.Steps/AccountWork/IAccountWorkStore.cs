namespace SmsOnboarding.Steps.AccountWork;

/// <summary>
/// The open request to AWS people that belongs to an account and SNS Region (sandbox exit, spend, an origination
/// type), shared by every onboarding there: the first claims it and files it, later ones join and wait (decision 0024).
/// </summary>
public interface IAccountWorkStore
{
    /// <summary>
    /// In one conditional write, makes <paramref name="proposed"/> the key's work unless another execution's open work
    /// for at least the same amount is in force; returns the work in force afterwards (proposed when it won).
    /// </summary>
    Task<AccountWorkRecord> ClaimOrJoinAsync(string key, AccountWorkRecord proposed, CancellationToken cancellationToken = default);

    Task<AccountWorkRecord?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Ends the work with its outcome, only while <paramref name="ownerExecutionArn"/> still owns it.</summary>
    Task EndAsync(string key, string ownerExecutionArn, string outcome, string? reason, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Every work still open, with its key (the ops' Accounts view: what each account and Region waits on).</summary>
    Task<IReadOnlyList<AccountWorkEntry>> OpenAsync(CancellationToken cancellationToken = default);
}

/// <summary>Open work and where it belongs (parsed from its key).</summary>
public sealed record AccountWorkEntry(string Key, AccountWorkRecord Work)
{
    private string[] Parts => Key.Split('|');

    public string AccountId => Parts[1];

    public string SnsRegion => Parts[2];

    /// <summary>sandboxExit, spendIncrease, origination, ... (the case need that opened it).</summary>
    public string Need => Parts[3];

    /// <summary>The origination type for origination work; null otherwise.</summary>
    public string? Kind => Parts.Length > 4 ? Parts[4] : null;
}

/// <summary>
/// Owner: the execution that files the request. Amount: what it asks (the monthly spend; 0 for other needs).
/// Outcome: null while open; satisfied | denied | failed once the owner's case ended, with the reason for people.
/// </summary>
public sealed record AccountWorkRecord(string OwnerExecutionArn, decimal Amount, DateTimeOffset OpenedAt, string? Outcome = null, string? Reason = null)
{
    public const string Satisfied = "satisfied";
    public const string Denied = "denied";
    public const string Failed = "failed";

    public bool IsOpen => Outcome is null;

    /// <summary>The onboarding id (the execution's name), as people know it.</summary>
    public string OwnerOnboarding => OwnerExecutionArn[(OwnerExecutionArn.LastIndexOf(':') + 1)..];
}

public static class AccountWorkKeys
{
    /// <summary>One key per account, SNS Region and need; origination also per type (a short code is not a toll-free number).</summary>
    public static string For(string accountId, string snsRegion, string need, string? kind = null) =>
        kind is null ? $"account|{accountId}|{snsRegion}|{need}" : $"account|{accountId}|{snsRegion}|{need}|{kind}";
}
