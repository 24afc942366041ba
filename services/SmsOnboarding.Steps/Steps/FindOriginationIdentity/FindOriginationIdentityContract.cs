using System.Text.Json.Serialization;
using SmsOnboarding.Steps.Contracts;

namespace SmsOnboarding.Steps.FindOriginationIdentity;

// FindOriginationIdentity reads a OriginationInput and returns a OriginationProgress, parts shared with other steps (Contracts/StepContracts.cs).

/// <summary>Source-generated (de)serialisation of FindOriginationIdentity's payloads, with the options of ContractJson.</summary>
[JsonSerializable(typeof(OriginationInput))]
[JsonSerializable(typeof(OriginationProgress))]
internal sealed partial class FindOriginationIdentityJson : JsonSerializerContext;
