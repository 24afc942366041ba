namespace SmsOnboarding.Domain.Planning;

/// <summary>
/// What is known about the account before the workflow runs. Null means "not observed yet": the plan then
/// keeps the step and says it will check first.
/// </summary>
public sealed record ObservedFacts(
    bool? InSandbox = null,
    bool? HasOriginationIdentity = null,
    decimal? SpendLimitUsd = null,
    decimal? ApprovedSpendQuotaUsd = null,
    string? CurrentSnsCallerArn = null,
    string? CurrentSnsRegion = null,
    bool? UserPoolExists = null)
{
    public static ObservedFacts Unknown { get; } = new();
}
