namespace SmsOnboarding.Engine;

/// <summary>How to open a <see cref="StepFunctionsEngine"/>.</summary>
public sealed class EngineOptions
{
    /// <summary>The SQLite file (created when missing). Reopening the same file resumes every running execution.</summary>
    public required string DatabasePath { get; init; }

    /// <summary>All engine time comes from here. Pass a <see cref="Time.SkippingTimeProvider"/> for time skipping.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public string Region { get; init; } = "us-east-1";

    public string AccountId { get; init; } = "111122223333";

    /// <summary>
    /// With a <see cref="Time.SkippingTimeProvider"/> clock: whenever the engine becomes idle (no runnable execution,
    /// no handler running, nothing to commit) the clock jumps to the next pending timer. Off: only
    /// <see cref="StepFunctionsEngine.RunUntilIdleAsync"/> skips.
    /// </summary>
    public bool SkipTimeWhenIdle { get; init; }

    /// <summary>
    /// When false (default) time is never skipped while a task waits for a callback (task token, activity worker):
    /// an outside party may be about to answer. Set true when nobody will (a test of a reminder or a timeout).
    /// </summary>
    public bool SkipWhileAwaitingCallbacks { get; init; }

    /// <summary>Random numbers in [0,1) for retry jitter and States.MathRandom; default: shared Random.</summary>
    public Func<double>? Random { get; init; }

    /// <summary>
    /// Lambda handlers by function name, registered before any running execution resumes: a task that was running
    /// when the process died is re-dispatched at open and must find its handler (RegisterFunction comes too late).
    /// </summary>
    public IReadOnlyDictionary<string, Tasks.TaskHandler> Functions { get; init; } = new Dictionary<string, Tasks.TaskHandler>();

    /// <summary>Told of the history events of every commit, after it (none: nobody follows executions by their events).</summary>
    public IExecutionEventSink? Events { get; init; }

    /// <summary>How long GetActivityTask waits for work (Step Functions: 60 seconds).</summary>
    public TimeSpan ActivityPollTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
