using System.Text.Json.Serialization;
using SmsOnboarding.Steps.Contracts;

namespace SmsOnboarding.Steps.SendTestMessage;

/// <summary>
/// The closing proof. <see cref="MessageId"/> was the SNS message id when the step published itself; since the
/// proof goes through Cognito it stays null and <see cref="InvitedUser"/> names the (deleted) temporary user.
/// </summary>
public sealed record TestMessageResult(bool Sent, string? To, string? MessageId, string? Reason, string? InvitedUser = null);

/// <summary>Source-generated (de)serialisation of SendTestMessage's payloads, with the options of ContractJson.</summary>
[JsonSerializable(typeof(StepInput))]
[JsonSerializable(typeof(TestMessageResult))]
internal sealed partial class SendTestMessageJson : JsonSerializerContext;
