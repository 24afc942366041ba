using System.Text.Json.Nodes;

namespace SmsOnboarding.Engine.Runtime;

internal enum TimerKind
{
    Wait,
    Retry,
    TaskTimeout,
    Heartbeat,
    ExecutionTimeout,
}

/// <summary>Everything that can happen to an execution; applied one at a time by its actor.</summary>
internal abstract record ExecutionMessage;

internal sealed record StartMessage(TaskCompletionSource Started) : ExecutionMessage;

internal sealed record RecoverMessage : ExecutionMessage;

internal sealed record TimerMessage(int RunId, TimerKind Kind, DateTimeOffset Due) : ExecutionMessage;

internal sealed record HandlerResultMessage(int RunId, int Attempt, JsonNode? Result, string? Error, string? Cause) : ExecutionMessage;

internal sealed record ActivityStartedMessage(int RunId, int Attempt, string? WorkerName) : ExecutionMessage;

internal enum CallbackKind
{
    Success,
    Failure,
    Heartbeat,
}

/// <summary>SendTaskSuccess/Failure/Heartbeat; <see cref="Reply"/> gets null or the API error, after the commit.</summary>
internal sealed record CallbackMessage(int RunId, string Token, CallbackKind Kind, JsonNode? Output, string? Error, string? Cause, TaskCompletionSource<StepFunctionsException?> Reply) : ExecutionMessage;

internal sealed record StopMessage(string? Error, string? Cause, TaskCompletionSource<StepFunctionsException?> Reply) : ExecutionMessage;

internal sealed record RedriveMessage(TaskCompletionSource<StepFunctionsException?> Reply) : ExecutionMessage;
