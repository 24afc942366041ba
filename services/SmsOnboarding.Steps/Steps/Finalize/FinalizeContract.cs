using System.Text.Json.Serialization;
using SmsOnboarding.Domain.Requests;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.EnsureSmsRole;
using SmsOnboarding.Steps.TargetAccounts;

namespace SmsOnboarding.Steps.Finalize;

public sealed record FinalizeInput(string ExecutionArn, OnboardingRequest Request, PoolInfo Pool, RoleInfo Role) : IOnboardingPayload;

public sealed record FinalizeResult(string SnsCallerArn, string SnsRegion, IReadOnlyList<string> FieldsCopied, IReadOnlyList<string> FieldsChanged);

/// <summary>Source-generated (de)serialisation of Finalize's payloads, with the options of ContractJson.</summary>
[JsonSerializable(typeof(FinalizeInput))]
[JsonSerializable(typeof(FinalizeResult))]
internal sealed partial class FinalizeJson : JsonSerializerContext;
