using System.Text.Json.Nodes;
using SmsOnboarding.Domain.Lifecycle;
using SmsOnboarding.Domain.Planning;

namespace SmsOnboarding.Api.Onboardings;

public sealed record SubmitAnswer(string Id, OnboardingStatus Status, string? RequestId, bool Created);

public sealed record DryRunAnswer(bool Valid, IReadOnlyList<object> Problems, OnboardingPlan? Plan);

public sealed record OnboardingSummary(
    string Id, string? RequestId, string Requester, string Team, string Pool, OnboardingStatus Status,
    string? CurrentStep, DateTimeOffset? InCurrentStepSince, string? ExecutionArn, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? Failure,
    string? AccountId);

/// <summary>One page, newest first; pass <see cref="NextCursor"/> back as <c>cursor</c> for the next (null: none).</summary>
public sealed record OnboardingListAnswer(IReadOnlyList<OnboardingSummary> Items, int Total, string? NextCursor, int Limit);

public sealed record FailureView(string? Error, string? Cause);

/// <summary>
/// One onboarding as people see it. <see cref="Result"/> is what the workflow returned once it succeeded: the pool,
/// the SNS Region, the role Cognito assumes (snsCallerArn), the origination identity and the test message.
/// </summary>
public sealed record OnboardingDetail(
    string Id,
    string? RequestId,
    string Requester,
    IReadOnlyList<string> Approvers,
    string Team,
    string Pool,
    OnboardingStatus Status,
    string? CurrentStep,
    IReadOnlyList<string> CurrentStates,
    DateTimeOffset? InCurrentStepSince,
    string? ExecutionArn,
    OnboardingPlan Plan,
    IReadOnlyList<TimelineEntry> Timeline,
    FailureView? Failure,
    DateTimeOffset CreatedAt,
    JsonNode? Request,
    JsonNode? Result,
    IReadOnlyList<CaseView> Cases,
    string? AccountId);

/// <summary>
/// Where a request to AWS people stands (sandbox exit, spend, origination): the channel that took it, its ids and
/// status, and each channel that passed it on with AWS's answer (so people see why they were asked to file it).
/// WaitingOn: on channel joined, the onboarding whose case for the account and SNS Region this one waits on (decision 0024).
/// </summary>
public sealed record CaseView(string Need, string Channel, string? CaseId, string? QuotaRequestId, string? Status, IReadOnlyList<CaseHandoverView> Handovers,
    string? WaitingOn = null);

public sealed record CaseHandoverView(string Channel, string Reason, string? ErrorCode);

public sealed record HistoryAnswer(string Id, string? ExecutionArn, IReadOnlyList<ExecutionEvent> Events);
