using Stateless;

namespace SmsOnboarding.Engine.Runtime;

internal enum ExecutionTrigger
{
    Succeed,
    Fail,
    TimeOut,
    Abort,
    Redrive,
}

/// <summary>The execution lifecycle (Step Functions' ExecutionStatus); the state lives in the snapshot.</summary>
internal static class ExecutionLifecycle
{
    public static StateMachine<ExecutionStatus, ExecutionTrigger> For(ExecutionSnapshot snapshot)
    {
        var machine = new StateMachine<ExecutionStatus, ExecutionTrigger>(() => snapshot.Status, s => snapshot.Status = s);
        machine.Configure(ExecutionStatus.Running)
            .Permit(ExecutionTrigger.Succeed, ExecutionStatus.Succeeded)
            .Permit(ExecutionTrigger.Fail, ExecutionStatus.Failed)
            .Permit(ExecutionTrigger.TimeOut, ExecutionStatus.TimedOut)
            .Permit(ExecutionTrigger.Abort, ExecutionStatus.Aborted);
        // Step Functions redrives FAILED, TIMED_OUT and ABORTED executions, never SUCCEEDED ones.
        foreach (var closed in new[] { ExecutionStatus.Failed, ExecutionStatus.TimedOut, ExecutionStatus.Aborted })
        {
            machine.Configure(closed).Permit(ExecutionTrigger.Redrive, ExecutionStatus.Running);
        }
        return machine;
    }
}

internal enum TaskTrigger
{
    Schedule,
    Start,
    Complete,
    Fail,
    WaitToRetry,
}

/// <summary>
/// The lifecycle of one Task state entry: Ready -> TaskScheduled -> TaskStarted -> (done | RetryWaiting -> TaskScheduled ...).
/// Late results (after a timeout, a retry or a Stop) are recognised because their trigger is not permitted.
/// </summary>
internal static class TaskLifecycle
{
    public static StateMachine<RunPhase, TaskTrigger> For(RunState run)
    {
        var machine = new StateMachine<RunPhase, TaskTrigger>(() => run.Phase, p => run.Phase = p);
        machine.Configure(RunPhase.Ready)
            .Permit(TaskTrigger.Schedule, RunPhase.TaskScheduled);
        machine.Configure(RunPhase.TaskScheduled)
            .Permit(TaskTrigger.Start, RunPhase.TaskStarted)
            .Permit(TaskTrigger.Complete, RunPhase.Ready)
            .Permit(TaskTrigger.Fail, RunPhase.Ready)
            .Permit(TaskTrigger.WaitToRetry, RunPhase.RetryWaiting);
        machine.Configure(RunPhase.TaskStarted)
            .Permit(TaskTrigger.Complete, RunPhase.Ready)
            .Permit(TaskTrigger.Fail, RunPhase.Ready)
            .Permit(TaskTrigger.WaitToRetry, RunPhase.RetryWaiting);
        machine.Configure(RunPhase.RetryWaiting)
            .Permit(TaskTrigger.Schedule, RunPhase.TaskScheduled);
        return machine;
    }
}
