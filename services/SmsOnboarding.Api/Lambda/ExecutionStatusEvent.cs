using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmsOnboarding.Api.Lambda;

/// <summary>
/// The members of EventBridge's "Step Functions Execution Status Change" event that the status handler reads
/// (source aws.states; detail as the Step Functions developer guide's cw-events page lists it).
/// </summary>
public sealed record ExecutionStatusEvent(
    string? Source,
    [property: JsonPropertyName("detail-type")] string? DetailType,
    ExecutionStatusDetail? Detail)
{
    public const string EventSource = "aws.states";
    public const string EventDetailType = "Step Functions Execution Status Change";

    /// <summary>Every status the event can carry.</summary>
    public static readonly IReadOnlyList<string> Statuses = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"];

    /// <summary>Why this event cannot be one of <paramref name="stateMachineArn"/>'s status changes, or null when it is.</summary>
    public string? Problem(string stateMachineArn)
    {
        if (Source != EventSource || DetailType != EventDetailType)
        {
            return $"source must be '{EventSource}' and detail-type '{EventDetailType}'; they are '{Source}' and '{DetailType}'.";
        }
        if (Detail is not { ExecutionArn: { Length: > 0 } executionArn, Name: { Length: > 0 } name, Status: { Length: > 0 } status })
        {
            return "detail.executionArn, detail.name and detail.status are required.";
        }
        if (!Statuses.Contains(status))
        {
            return $"detail.status must be one of {string.Join(", ", Statuses)}; it is '{status}'.";
        }
        if (Detail.StateMachineArn != stateMachineArn)
        {
            return $"detail.stateMachineArn must be this deployment's state machine {stateMachineArn}; it is '{Detail.StateMachineArn}'.";
        }
        // An execution ARN is its state machine's ARN with ":execution:" for ":stateMachine:" and the name appended.
        var expected = stateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + name;
        return executionArn == expected ? null : $"detail.executionArn must be {expected} (its state machine and name); it is '{executionArn}'.";
    }
}

/// <summary>error and cause are set on FAILED, TIMED_OUT and ABORTED; the history the handler folds holds them too.</summary>
public sealed record ExecutionStatusDetail(string? ExecutionArn, string? StateMachineArn, string? Name, string? Status, string? Error, string? Cause);

/// <summary>
/// What the handler did: <c>applied</c> (the record now reflects the execution's history), <c>unchanged</c> (it already
/// did: a repeated or late event), <c>ignored</c> (no onboarding runs as this execution) or <c>refused</c> (not a status
/// change of this state machine: <see cref="Error"/> and <see cref="Message"/> say why; retrying would not help).
/// </summary>
public sealed record ExecutionStatusOutcome(string Outcome, string? OnboardingId = null, string? Error = null, string? Message = null)
{
    public const string InvalidEvent = "InvalidStatusEvent";
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ExecutionStatusEvent))]
[JsonSerializable(typeof(ExecutionStatusOutcome))]
internal sealed partial class StatusEventJsonContext : JsonSerializerContext;
