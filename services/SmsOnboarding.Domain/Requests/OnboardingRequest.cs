using System.Text.Json.Serialization;
using SmsOnboarding.Domain.Regions;

namespace SmsOnboarding.Domain.Requests;

/// <summary>
/// What a team asks for: SMS for one Cognito user pool. Only <see cref="OnboardingRequestValidator"/> makes
/// these from user input, so every instance is valid and normalised.
/// </summary>
public sealed record OnboardingRequest(
    string UserPoolId,
    string? AccountId,
    string? SnsRegion,
    IReadOnlyList<string> Countries,
    decimal MonthlySpendUsd,
    MessageType MessageType,
    string UseCase,
    string WebsiteUrl,
    string OptInProcess,
    IReadOnlyList<string> SampleMessages,
    IReadOnlyList<string> SandboxNumbers,
    OriginationType OriginationType,
    string Requester,
    IReadOnlyList<string> Approvers,
    string Team,
    string? RequestId = null,
    RegistrationDetails? Registration = null)
{
    /// <summary>A pool id is "{region}_{suffix}".</summary>
    [JsonIgnore]
    public string PoolRegion => UserPoolId[..UserPoolId.IndexOf('_', StringComparison.Ordinal)];

    [JsonIgnore]
    public string ResolvedSnsRegion => SnsRegion ?? RegionTable.DefaultSnsRegion(PoolRegion);

    [JsonIgnore]
    public bool SendsToUnitedStates => Countries.Contains("US");

    /// <summary>US toll-free and 10DLC identities exist only after AWS approves a registration of the company.</summary>
    [JsonIgnore]
    public bool NeedsUsRegistration => NeedsRegistration(Countries, OriginationType);

    public static bool NeedsRegistration(IReadOnlyList<string> countries, OriginationType origination) =>
        countries.Contains("US") && origination is OriginationType.TollFree or OriginationType.TenDlc;

    // Records compare lists by reference; requests are compared by content (idempotent submit, tests).
    public bool Equals(OnboardingRequest? other) =>
        other is not null
        && UserPoolId == other.UserPoolId && AccountId == other.AccountId && SnsRegion == other.SnsRegion
        && Countries.SequenceEqual(other.Countries) && MonthlySpendUsd == other.MonthlySpendUsd
        && MessageType == other.MessageType && UseCase == other.UseCase && WebsiteUrl == other.WebsiteUrl
        && OptInProcess == other.OptInProcess && SampleMessages.SequenceEqual(other.SampleMessages)
        && SandboxNumbers.SequenceEqual(other.SandboxNumbers) && OriginationType == other.OriginationType
        && Requester == other.Requester && Approvers.SequenceEqual(other.Approvers) && Team == other.Team
        && RequestId == other.RequestId && Registration == other.Registration;

    public override int GetHashCode() => HashCode.Combine(UserPoolId, Requester, Team, MonthlySpendUsd, RequestId);
}
