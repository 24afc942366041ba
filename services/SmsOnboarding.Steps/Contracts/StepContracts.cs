using SmsOnboarding.Domain.Requests;

namespace SmsOnboarding.Steps.Contracts;

// The JSON each Task's Payload carries (see statemachine/onboarding.asl.json) and what each step returns.
// Member names are camelCase on the wire (StepJson).

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

public sealed record ResolvePoolInput(string ExecutionArn, OnboardingRequest Request);

public sealed record StepInput(string ExecutionArn, OnboardingRequest Request, PoolInfo Pool);

public sealed record RoleInfo(string RoleArn, string ExternalId, bool Created, bool Repaired);

public sealed record SandboxStatus(bool InSandbox);

public sealed record OriginationInput(
    string ExecutionArn,
    OnboardingRequest Request,
    PoolInfo Pool,
    WorkflowSettings Settings,
    OriginationProgress? Progress = null);

/// <summary>
/// Action: notNeeded | reuse | supportCase | register (from FindOriginationIdentity); pending | ready (from AdvanceOrigination).
/// </summary>
public sealed record OriginationProgress(
    string Action,
    string? PhoneNumber = null,
    string? RegistrationId = null,
    string? PhoneNumberId = null,
    int Attempt = 0,
    int NextDelaySeconds = 0,
    string? Detail = null);

public sealed record CodeSends(IReadOnlyList<DateTimeOffset> SentAt, bool AlreadyVerified = false, bool Limited = false);

public sealed record SendCodeInput(
    string ExecutionArn,
    OnboardingRequest Request,
    PoolInfo Pool,
    string PhoneNumber,
    WorkflowSettings Settings,
    CodeSends Sends,
    bool Resend);

/// <summary>What a person answered through HumanTaskService (the SendTaskSuccess output).</summary>
public sealed record HumanAnswer(
    string? Code = null,
    bool? Resend = null,
    string? CaseId = null,
    bool? Approved = null,
    string? Note = null,
    string? Actor = null);

public sealed record VerificationState(bool Verified, int WrongCodes);

public sealed record VerifyCodeInput(
    string ExecutionArn,
    OnboardingRequest Request,
    PoolInfo Pool,
    string PhoneNumber,
    HumanAnswer Answer,
    VerificationState Verification);

public sealed record RegisterHumanTaskInput(
    string TaskToken,
    string ExecutionArn,
    string Kind,
    string Slot,
    int Reminder,
    int TimeoutSeconds,
    int MaxReminders,
    OnboardingRequest Request,
    PoolInfo Pool,
    string? PhoneNumber = null,
    int? WrongCodes = null,
    bool? SendLimited = null,
    string? Need = null,
    string? CaseText = null,
    string? CaseLink = null,
    string? CaseId = null);

/// <summary><see cref="Reminder"/>: see Reminders.ReminderOutcomes (null when this registration is not a reminder).</summary>
public sealed record HumanTaskRegistered(string TaskId, string? Reminder = null);

public sealed record CaseInput(
    string ExecutionArn,
    OnboardingRequest Request,
    PoolInfo Pool,
    string Need,
    WorkflowSettings Settings,
    CaseState? Case = null,
    HumanAnswer? Answer = null);

/// <summary>Channel: serviceQuotas | supportApi | human. Satisfied is proven by the effect in AWS, not by the case status.</summary>
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
    bool Satisfied = false);

public sealed record SpendCheck(string Action, decimal RequestedUsd, decimal CurrentLimitUsd, decimal ApprovedQuotaUsd);

public sealed record SpendLimitSet(decimal LimitUsd);

public sealed record FinalizeInput(string ExecutionArn, OnboardingRequest Request, PoolInfo Pool, RoleInfo Role);

public sealed record FinalizeResult(string SnsCallerArn, string SnsRegion, IReadOnlyList<string> FieldsCopied, IReadOnlyList<string> FieldsChanged);

public sealed record TestMessageResult(bool Sent, string? To, string? MessageId, string? Reason);

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
}
