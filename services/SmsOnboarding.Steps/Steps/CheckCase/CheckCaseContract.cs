using System.Text.Json.Serialization;
using SmsOnboarding.Steps.Contracts;

namespace SmsOnboarding.Steps.CheckCase;

// CheckCase reads a CaseInput and returns a CaseState, parts shared with other steps (Contracts/StepContracts.cs).

/// <summary>Source-generated (de)serialisation of CheckCase's payloads, with the options of ContractJson.</summary>
[JsonSerializable(typeof(CaseInput))]
[JsonSerializable(typeof(CaseState))]
internal sealed partial class CheckCaseJson : JsonSerializerContext;
