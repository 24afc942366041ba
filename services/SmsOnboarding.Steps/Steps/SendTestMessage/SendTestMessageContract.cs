using System.Text.Json.Serialization;
using SmsOnboarding.Steps.Contracts;

namespace SmsOnboarding.Steps.SendTestMessage;

public sealed record TestMessageResult(bool Sent, string? To, string? MessageId, string? Reason);

/// <summary>Source-generated (de)serialisation of SendTestMessage's payloads, with the options of ContractJson.</summary>
[JsonSerializable(typeof(StepInput))]
[JsonSerializable(typeof(TestMessageResult))]
internal sealed partial class SendTestMessageJson : JsonSerializerContext;
