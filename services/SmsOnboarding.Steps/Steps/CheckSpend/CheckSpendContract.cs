using System.Text.Json.Serialization;
using SmsOnboarding.Steps.Contracts;

namespace SmsOnboarding.Steps.CheckSpend;

public sealed record SpendCheck(string Action, decimal RequestedUsd, decimal CurrentLimitUsd, decimal ApprovedQuotaUsd);

/// <summary>Source-generated (de)serialisation of CheckSpend's payloads, with the options of ContractJson.</summary>
[JsonSerializable(typeof(StepInput))]
[JsonSerializable(typeof(SpendCheck))]
internal sealed partial class CheckSpendJson : JsonSerializerContext;
