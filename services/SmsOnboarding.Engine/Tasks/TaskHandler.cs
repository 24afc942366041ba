using System.Text.Json.Nodes;

namespace SmsOnboarding.Engine.Tasks;

/// <summary>An in-process Lambda function: receives the payload, returns the function's result.</summary>
public delegate Task<JsonNode?> TaskHandler(TaskInvocation invocation, CancellationToken cancellationToken);

/// <param name="Payload">The function payload (for lambda:invoke the Parameters' Payload, for a bare ARN the effective input).</param>
/// <param name="IdempotencyKey">Stable across re-runs of the same state entry (also after a crash): executionArn + "/" + state entered event id.</param>
/// <param name="Attempt">1 for the first attempt, +1 per Retry and per re-run after a crash.</param>
/// <param name="TaskToken">Set for <c>.waitForTaskToken</c> tasks: complete them with SendTaskSuccess/Failure.</param>
public sealed record TaskInvocation(JsonNode? Payload, string ExecutionArn, string StateName, string IdempotencyKey, int Attempt, string? TaskToken);

/// <summary>Thrown by a handler to fail the task with a modelled error name (matched by Retry/Catch ErrorEquals).</summary>
public sealed class TaskFailedException : Exception
{
    public TaskFailedException(string error, string cause)
        : base($"{error}: {cause}")
    {
        Error = error;
        Cause = cause;
    }

    public TaskFailedException()
        : this("States.TaskFailed", "")
    {
    }

    public TaskFailedException(string message)
        : this("States.TaskFailed", message)
    {
    }

    public TaskFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = "States.TaskFailed";
        Cause = message;
    }

    public string Error { get; }

    public string Cause { get; }
}
