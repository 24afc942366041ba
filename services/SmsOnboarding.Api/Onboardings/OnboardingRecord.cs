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
    long Version = 0,
    string? AccountId = null,
    string? SnsRegion = null)
{
    public OnboardingProgress Progress => new(Status, OpenStates ?? [], Failure, Version);
}

/// <summary>A state the execution entered and has not left (several at once inside Parallel and Map).</summary>
public sealed record OpenState(string Name, DateTimeOffset EnteredAt);

/// <summary>
/// Newest first; <see cref="After"/> is where the previous page ended (exclusive). <see cref="Requester"/> limits the
/// list to one person's onboardings, or, with <see cref="RequesterTeam"/>, to theirs and their team's.
/// </summary>
public sealed record OnboardingQuery(OnboardingStatus? Status, string? Team, string? Pool, string? Requester, OnboardingCursor? After, int Limit,
    string? Account = null, string? RequesterTeam = null);

/// <summary>How many onboardings of one status an account has in one SNS Region.</summary>
public sealed record AccountRegionCount(string AccountId, string SnsRegion, OnboardingStatus Status, int Count);

/// <summary>The account the service runs in: the account of a request that names none.</summary>
public sealed record ServiceAccount(string Id);

/// <summary><see cref="Next"/> is null on the last page.</summary>
public sealed record OnboardingPage(IReadOnlyList<OnboardingRecord> Items, int Total, OnboardingCursor? Next);
