using System.Text.Json.Serialization;
using SmsOnboarding.Domain.Requests;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.TargetAccounts;

namespace SmsOnboarding.Steps.SendVerificationCode;

public sealed record SendCodeInput(
    string ExecutionArn,
    OnboardingRequest Request,
    PoolInfo Pool,
    string PhoneNumber,
    WorkflowSettings Settings,
    CodeSends Sends,
    bool Resend) : IOnboardingPayload;

/// <summary>
/// AlreadyVerified: no code needs to be typed for the number: it is verified, or (SandboxFull) the account's sandbox
/// already holds the 10 numbers AWS allows, all another onboarding's or earlier ones, so the number waits for the
/// sandbox exit this onboarding asks for next (it reaches every number), instead of failing for someone else's numbers.
/// </summary>
public sealed record CodeSends(IReadOnlyList<DateTimeOffset> SentAt, bool AlreadyVerified = false, bool Limited = false, bool SandboxFull = false);

/// <summary>Source-generated (de)serialisation of SendVerificationCode's payloads, with the options of ContractJson.</summary>
[JsonSerializable(typeof(SendCodeInput))]
[JsonSerializable(typeof(CodeSends))]
internal sealed partial class SendVerificationCodeJson : JsonSerializerContext;
