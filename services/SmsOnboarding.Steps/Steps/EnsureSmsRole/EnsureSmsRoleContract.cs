using System.Text.Json.Serialization;
using SmsOnboarding.Steps.Contracts;

namespace SmsOnboarding.Steps.EnsureSmsRole;

public sealed record RoleInfo(string RoleArn, string ExternalId, bool Created, bool Repaired);

/// <summary>Source-generated (de)serialisation of EnsureSmsRole's payloads, with the options of ContractJson.</summary>
[JsonSerializable(typeof(StepInput))]
[JsonSerializable(typeof(RoleInfo))]
internal sealed partial class EnsureSmsRoleJson : JsonSerializerContext;
