using SmsOnboarding.Domain.Lifecycle;
using SmsOnboarding.Domain.Planning;

namespace SmsOnboarding.Api.Onboardings;

/// <summary>
/// What the API keeps about one onboarding; the execution holds everything else. Status, open states and failure
/// follow the execution's events; <see cref="Version"/> is the id of the last history event they reflect.
/// </summary>
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
    string? Failure = null,
    IReadOnlyList<OpenState>? OpenStates = null,
    long Version = 0)
{
    public OnboardingProgress Progress => new(Status, OpenStates ?? [], Failure, Version);
}

/// <summary>A state the execution entered and has not left (several at once inside Parallel and Map).</summary>
public sealed record OpenState(string Name, DateTimeOffset EnteredAt);

/// <summary>Newest first; <see cref="After"/> is where the previous page ended (exclusive).</summary>
public sealed record OnboardingQuery(OnboardingStatus? Status, string? Team, string? Pool, string? Requester, OnboardingCursor? After, int Limit);

/// <summary><see cref="Next"/> is null on the last page.</summary>
public sealed record OnboardingPage(IReadOnlyList<OnboardingRecord> Items, int Total, OnboardingCursor? Next);
