using SmsOnboarding.Engine.Time;

namespace SmsOnboarding.Engine.Runtime;

/// <summary>
/// One execution's side of the engine's timers. Arming and disarming are effects: they happen after the commit that
/// made the timer due (or moot), so a timer never fires for a state that is not on disk, and a skipping clock never
/// jumps to a timer nobody waits on.
/// </summary>
internal sealed class RunTimers(EngineTimers timers, Execution execution, Action<Action> addEffect)
{
    public void Arm(int runId, TimerKind kind, DateTimeOffset due) => addEffect(() => timers.Schedule(execution, runId, kind, due));

    /// <summary>The task's timeout and heartbeat deadlines, as the run holds them.</summary>
    public void ArmTask(RunState run)
    {
        if (run.TimeoutAt is { } timeoutAt)
        {
            Arm(run.Id, TimerKind.TaskTimeout, timeoutAt);
        }
        if (run.HeartbeatAt is { } heartbeatAt)
        {
            Arm(run.Id, TimerKind.Heartbeat, heartbeatAt);
        }
    }

    /// <summary>The run leaves the state that armed its timers: nobody waits on them any more.</summary>
    public void Disarm(RunState run)
    {
        if (run.Due is null && run.TimeoutAt is null && run.HeartbeatAt is null)
        {
            return;
        }
        var runId = run.Id;
        addEffect(() => timers.CancelRun(execution, runId));
    }
}
