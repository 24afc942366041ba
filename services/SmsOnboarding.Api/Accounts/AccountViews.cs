namespace SmsOnboarding.Api.Accounts;

/// <summary>
/// The ops' Accounts view: one row per account and SNS Region that has onboardings or open account-level work.
/// <see cref="OpenWorkUnknown"/> says why open work could not be listed (then every row's <c>OpenWork</c> is empty).
/// </summary>
public sealed record AccountsAnswer(IReadOnlyList<AccountRow> Accounts, string? OpenWorkUnknown = null);

/// <summary><see cref="Onboardings"/>: how many onboardings of each status (wire names) the account has in the Region.</summary>
public sealed record AccountRow(
    string AccountId,
    string SnsRegion,
    IReadOnlyDictionary<string, int> Onboardings,
    ValueFact<bool> InSandbox,
    ValueFact<decimal> SpendLimitUsd,
    ValueFact<decimal> ApprovedSpendQuotaUsd,
    Fact<IReadOnlyList<OriginationIdentity>> OriginationIdentities,
    IReadOnlyList<OpenWorkView> OpenWork);

/// <summary>
/// A request to AWS people the account has open (decision 0024): the need, the origination type for origination
/// work, the onboarding that filed it, the amount asked (spend), and the other onboardings of the account and
/// Region that are waiting on AWS meanwhile.
/// </summary>
public sealed record OpenWorkView(string Need, string? Kind, string Owner, decimal AmountUsd, DateTimeOffset OpenedAt, IReadOnlyList<string> Waiting);
