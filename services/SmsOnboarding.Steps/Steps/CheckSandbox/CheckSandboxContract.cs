using System.Text.Json.Serialization;
using SmsOnboarding.Steps.Contracts;

namespace SmsOnboarding.Steps.CheckSandbox;

public sealed record SandboxStatus(bool InSandbox);

/// <summary>Source-generated (de)serialisation of CheckSandbox's payloads, with the options of ContractJson.</summary>
[JsonSerializable(typeof(StepInput))]
[JsonSerializable(typeof(SandboxStatus))]
internal sealed partial class CheckSandboxJson : JsonSerializerContext;
