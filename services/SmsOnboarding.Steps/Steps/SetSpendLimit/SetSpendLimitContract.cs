using System.Text.Json.Serialization;
using SmsOnboarding.Steps.Contracts;

namespace SmsOnboarding.Steps.SetSpendLimit;

public sealed record SpendLimitSet(decimal LimitUsd);

/// <summary>Source-generated (de)serialisation of SetSpendLimit's payloads, with the options of ContractJson.</summary>
[JsonSerializable(typeof(StepInput))]
[JsonSerializable(typeof(SpendLimitSet))]
internal sealed partial class SetSpendLimitJson : JsonSerializerContext;
