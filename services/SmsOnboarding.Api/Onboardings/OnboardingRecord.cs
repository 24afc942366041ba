using SmsOnboarding.Domain.Lifecycle;
using SmsOnboarding.Domain.Planning;

namespace SmsOnboarding.Api.Onboardings;

/// <summary>What the API keeps about one onboarding; the execution holds everything else.</summary>
public sealed record OnboardingRecord(
    string Id,
    string? RequestId,
    string Requester,
    IReadOnlyList<string> Approvers,
    string Team,
    string Pool,
    OnboardingStatus Status,
    string? ExecutionArn,
    OnboardingPlan Plan,
    string RequestJson,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Failure = null);

public sealed record OnboardingQuery(OnboardingStatus? Status, string? Team, string? Pool, string? Requester, int Offset, int Limit);

public sealed record OnboardingPage(IReadOnlyList<OnboardingRecord> Items, int Total);
