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

public sealed record CodeSends(IReadOnlyList<DateTimeOffset> SentAt, bool AlreadyVerified = false, bool Limited = false);

/// <summary>Source-generated (de)serialisation of SendVerificationCode's payloads, with the options of ContractJson.</summary>
[JsonSerializable(typeof(SendCodeInput))]
[JsonSerializable(typeof(CodeSends))]
internal sealed partial class SendVerificationCodeJson : JsonSerializerContext;
