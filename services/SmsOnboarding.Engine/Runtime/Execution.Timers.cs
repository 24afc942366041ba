using SmsOnboarding.Asl;

namespace SmsOnboarding.Engine.Runtime;

/// <summary>A timer fired: a Wait ends, a retry is due, a task or the execution timed out. Stale firings are ignored.</summary>
internal sealed partial class Execution
{
    private void OnTimer(TimerMessage timer)
    {
        if (Snapshot.Status != ExecutionStatus.Running)
        {
            return;
        }
        if (timer.Kind == TimerKind.ExecutionTimeout)
        {
            if (Snapshot.TimeoutAt == timer.Due)
            {
                CloseExecution(ExecutionTrigger.TimeOut, ErrorNames.Timeout, "The execution timed out.", null);
            }
            return;
        }
        if (!Snapshot.Runs.TryGetValue(timer.RunId, out var run))
        {
            return;
        }
        var state = Definition(run.DefinitionPath)[run.StateName];
        switch (timer.Kind)
        {
            case TimerKind.Wait when run.Phase == RunPhase.Waiting && run.Due == timer.Due:
                try
                {
                    Exit(run, state, DataFlow.ApplyOutputPath(state, run.EffectiveInput), state.Next);
                }
                catch (AslRuntimeException e)
                {
                    FailRun(run, e.Error, e.Cause);
                }
                break;
            case TimerKind.Retry when run.Phase == RunPhase.RetryWaiting && run.Due == timer.Due:
                run.Due = null;
                if (state is not TaskState)
                {
                    run.Phase = RunPhase.Ready;
                }
                Execute(run, state);
                break;
            case TimerKind.TaskTimeout when run.Phase is RunPhase.TaskScheduled or RunPhase.TaskStarted && run.TimeoutAt == timer.Due:
                TaskTimedOut(run, (TaskState)state, ErrorNames.Timeout, "The task timed out.");
                break;
            case TimerKind.Heartbeat when run.Phase is RunPhase.TaskScheduled or RunPhase.TaskStarted && run.HeartbeatAt == timer.Due:
                TaskTimedOut(run, (TaskState)state, ErrorNames.HeartbeatTimeout, "The task did not send a heartbeat in time.");
                break;
        }
    }
}
