using System.Text.Json.Serialization;
using SmsOnboarding.Domain.Requests;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.TargetAccounts;

namespace SmsOnboarding.Steps.VerifyCode;

public sealed record VerifyCodeInput(
    string ExecutionArn,
    OnboardingRequest Request,
    PoolInfo Pool,
    string PhoneNumber,
    HumanAnswer Answer,
    VerificationState Verification) : IOnboardingPayload;

public sealed record VerificationState(bool Verified, int WrongCodes);

/// <summary>Source-generated (de)serialisation of VerifyCode's payloads, with the options of ContractJson.</summary>
[JsonSerializable(typeof(VerifyCodeInput))]
[JsonSerializable(typeof(VerificationState))]
internal sealed partial class VerifyCodeJson : JsonSerializerContext;
