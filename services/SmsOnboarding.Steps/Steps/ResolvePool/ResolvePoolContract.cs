using System.Text.Json.Serialization;
using SmsOnboarding.Domain.Requests;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.TargetAccounts;

namespace SmsOnboarding.Steps.ResolvePool;

public sealed record ResolvePoolInput(string ExecutionArn, OnboardingRequest Request) : IOnboardingPayload;

/// <summary>Source-generated (de)serialisation of ResolvePool's payloads, with the options of ContractJson.</summary>
[JsonSerializable(typeof(ResolvePoolInput))]
[JsonSerializable(typeof(PoolInfo))]
internal sealed partial class ResolvePoolJson : JsonSerializerContext;
