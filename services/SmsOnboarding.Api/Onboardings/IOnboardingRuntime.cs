using System.Text.Json.Nodes;

namespace SmsOnboarding.Api.Onboardings;

/// <summary>Step Functions execution states (wire names of DescribeExecution).</summary>
public enum ExecutionState
{
    Running,
    Succeeded,
    Failed,
    TimedOut,
    Aborted,
}

public sealed record ExecutionSnapshot(
    string ExecutionArn,
    ExecutionState State,
    DateTimeOffset StartedAt,
    DateTimeOffset? StoppedAt,
    string? Error,
    string? Cause);

/// <summary>One history event as Step Functions reports it (type like <c>TaskStateEntered</c>).</summary>
public sealed record ExecutionEvent(long Id, DateTimeOffset Timestamp, string Type, string? StateName, JsonObject? Details);

/// <summary>
/// Port to whatever runs the onboarding state machine (the embedded engine through Local, or a test double).
/// The execution name is the onboarding id, so ARNs and ids map one to one.
/// </summary>
public interface IOnboardingRuntime
{
    /// <summary>Starts (or, for the same name and input, returns) the execution; answers its ARN.</summary>
    Task<string> StartAsync(string executionName, string inputJson, CancellationToken cancellationToken);

    Task<ExecutionSnapshot?> DescribeAsync(string executionArn, CancellationToken cancellationToken);

    Task<IReadOnlyList<ExecutionEvent>> HistoryAsync(string executionArn, CancellationToken cancellationToken);

    Task StopAsync(string executionArn, string cause, CancellationToken cancellationToken);

    Task RedriveAsync(string executionArn, CancellationToken cancellationToken);

    /// <summary>The state machine definition (ASL JSON) the executions run, for the diagram.</summary>
    string DefinitionJson { get; }
}

/// <summary>The runtime refused an operation (not running, not redrivable, ...): a 409 for the caller.</summary>
public sealed class RuntimeConflictException(string message) : Exception(message);
