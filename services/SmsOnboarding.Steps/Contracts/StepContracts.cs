using System.Text.Json.Nodes;
using SmsOnboarding.Domain.Requests;
using SmsOnboarding.Steps.TargetAccounts;

namespace SmsOnboarding.Steps.Contracts;

// Payload parts several steps share (see statemachine/onboarding.asl.json); each step's own records live in its
// folder under Steps/. A change here changes the contract of every step that uses the part (decision 0016).

public sealed record PoolInfo(
    string AccountId,
    string Partition,
    string UserPoolId,
    string PoolRegion,
    string PoolArn,
    string PoolName,
    string SnsRegion);

public sealed record WorkflowSettings(
    int PollInitialSeconds,
    int PollMaxSeconds,
    int CaseMaxWaitDays,
    int HumanReminderSeconds,
    int HumanMaxReminders,
    int MaxWrongCodes,
    int MaxCodeSendsPerDay);

public sealed record StepInput(string ExecutionArn, OnboardingRequest Request, PoolInfo Pool) : IOnboardingPayload;

public sealed record OriginationInput(
    string ExecutionArn,
    OnboardingRequest Request,
    PoolInfo Pool,
    WorkflowSettings Settings,
    OriginationProgress? Progress = null,
    HumanAnswer? Answer = null) : IOnboardingPayload;

/// <summary>
/// Action: notNeeded | reuse | supportCase | register (from FindOriginationIdentity); pending | ready | sentBack (from
/// AdvanceOrigination: AWS sent a registration back, <see cref="Detail"/> says why, a person edits the answers).
/// <see cref="Edits"/>: every edit people made so far, applied over the request's answers.
/// </summary>
public sealed record OriginationProgress(
    string Action,
    string? PhoneNumber = null,
    string? RegistrationId = null,
    string? PhoneNumberId = null,
    int Attempt = 0,
    int NextDelaySeconds = 0,
    string? Detail = null,
    DateTimeOffset? WaitingSince = null,
    string? BrandRegistrationId = null,
    JsonObject? Edits = null);

/// <summary>What a person answered through HumanTaskService (the SendTaskSuccess output).</summary>
public sealed record HumanAnswer(
    string? Code = null,
    bool? Resend = null,
    string? CaseId = null,
    bool? Approved = null,
    string? Note = null,
    string? Actor = null,
    JsonObject? Edits = null);

public sealed record CaseInput(
    string ExecutionArn,
    OnboardingRequest Request,
    PoolInfo Pool,
    string Need,
    WorkflowSettings Settings,
    CaseState? Case = null,
    HumanAnswer? Answer = null) : IOnboardingPayload;

/// <summary>
/// Channel: serviceQuotas | human | joined (supportApi: cases an earlier build opened, still read). Satisfied is proven by the
/// effect in AWS, not by the case status. ResolvedAt: when a poll first saw the case resolved without its effect (the
/// grace period starts there). Handovers: the channels tried before this one and why each passed the case on.
/// WaitingOn (channel joined): the onboarding whose open case for the account and SNS Region this one waits on.
/// </summary>
public sealed record CaseState(
    string Need,
    string Channel,
    string CaseText,
    string CaseLink,
    DateTimeOffset OpenedAt,
    string? CaseId = null,
    string? QuotaRequestId = null,
    string? Status = null,
    int Attempt = 0,
    int NextDelaySeconds = 0,
    bool Satisfied = false,
    DateTimeOffset? ResolvedAt = null,
    IReadOnlyList<CaseHandover>? Handovers = null,
    string? WaitingOn = null);

/// <summary>A channel that could not take the case: which one, AWS's error code when AWS refused, and why.</summary>
public sealed record CaseHandover(string Channel, string Reason, string? ErrorCode = null);

public static class Needs
{
    public const string Origination = "origination";
    public const string SandboxExit = "sandboxExit";
    public const string SpendIncrease = "spendIncrease";
}

public static class CaseChannels
{
    public const string ServiceQuotas = "serviceQuotas";
    public const string SupportApi = "supportApi";
    public const string Human = "human";

    /// <summary>Another onboarding in the same account and SNS Region opened the case; this one waits on its effect.</summary>
    public const string Joined = "joined";
}
