namespace SmsOnboarding.Api.Accounts;

/// <summary>Live AWS facts of one account in one SNS Region, for the ops' Accounts view.</summary>
public interface IAccountFacts
{
    /// <summary>Never throws for a fact AWS would not tell: that fact is <see cref="Fact{T}.NotRead"/> with the reason.</summary>
    Task<AccountFacts> ReadAsync(string accountId, string snsRegion, CancellationToken cancellationToken);
}

/// <summary>A fact as read, or (<see cref="Unknown"/>) why it could not be read: AccessDenied, no role in that account yet, ...</summary>
public sealed record Fact<T>(T? Value, string? Unknown)
    where T : class
{
    public static Fact<T> Known(T value) => new(value, null);

    public static Fact<T> NotRead(string reason) => new(null, reason);
}

/// <summary>A value fact (boolean, amount): null value means unknown, as for <see cref="Fact{T}"/>.</summary>
public sealed record ValueFact<T>(T? Value, string? Unknown)
    where T : struct
{
    public static ValueFact<T> Known(T value) => new(value, null);

    public static ValueFact<T> NotRead(string reason) => new(null, reason);
}

public sealed record OriginationIdentity(string PhoneNumber, string? Country, string? Type, string? Status, string Source);

/// <summary>
/// Sandbox status, the monthly spend limit set (SNS MonthlySpendLimit) against the approved quota (End User
/// Messaging's MaxLimit), and the origination identities (SNS origination numbers and End User Messaging phone numbers).
/// </summary>
public sealed record AccountFacts(
    ValueFact<bool> InSandbox,
    ValueFact<decimal> SpendLimitUsd,
    ValueFact<decimal> ApprovedSpendQuotaUsd,
    Fact<IReadOnlyList<OriginationIdentity>> OriginationIdentities)
{
    /// <summary>Every fact unknown for one reason (the host cannot read AWS at all).</summary>
    public static AccountFacts Unknown(string reason) =>
        new(ValueFact<bool>.NotRead(reason), ValueFact<decimal>.NotRead(reason), ValueFact<decimal>.NotRead(reason),
            Fact<IReadOnlyList<OriginationIdentity>>.NotRead(reason));
}

/// <summary>A host that reads no live AWS facts (the API Lambda has no grants for them): every fact says so.</summary>
public sealed class UnreadAccountFacts(string reason) : IAccountFacts
{
    public Task<AccountFacts> ReadAsync(string accountId, string snsRegion, CancellationToken cancellationToken) =>
        Task.FromResult(AccountFacts.Unknown(reason));
}
