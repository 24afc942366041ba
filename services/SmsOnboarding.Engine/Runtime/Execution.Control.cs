using SmsOnboarding.Asl;
using SmsOnboarding.Aws.StepFunctions.Model;

namespace SmsOnboarding.Engine.Runtime;

/// <summary>Closing, stopping, redriving and recovering an execution.</summary>
internal sealed partial class Execution
{
    private void CloseExecution(ExecutionTrigger trigger, string? error, string? cause, string? output, bool force = false)
    {
        var s = Snapshot;
        if (!force && !_lifecycle.CanFire(trigger))
        {
            return;
        }
        _lifecycle.Fire(trigger);
        s.StopDate = Now;
        s.Output = output;
        s.Error = error;
        s.Cause = cause;
        switch (trigger)
        {
            case ExecutionTrigger.Succeed:
                Emit(null, HistoryEventType.ExecutionSucceeded, e => e.ExecutionSucceededEventDetails = new ExecutionSucceededEventDetails
                {
                    Output = output,
                    OutputDetails = new HistoryEventExecutionDataDetails { Truncated = false },
                }, final: true);
                break;
            case ExecutionTrigger.Fail:
                Emit(null, HistoryEventType.ExecutionFailed, e => e.ExecutionFailedEventDetails = new ExecutionFailedEventDetails { Error = error, Cause = cause }, final: true);
                break;
            case ExecutionTrigger.TimeOut:
                Emit(null, HistoryEventType.ExecutionTimedOut, e => e.ExecutionTimedOutEventDetails = new ExecutionTimedOutEventDetails { Error = error, Cause = cause }, final: true);
                break;
            case ExecutionTrigger.Abort:
                Emit(null, HistoryEventType.ExecutionAborted, e => e.ExecutionAbortedEventDetails = new ExecutionAbortedEventDetails { Error = error, Cause = cause }, final: true);
                break;
        }
        _dispatcher.CancelAll();
        // Keep only the root run (where a redrive resumes); everything below it is abandoned.
        foreach (var run in s.Runs.Values.Where(r => r.ParentId is not null).ToList())
        {
            s.Runs.Remove(run.Id);
        }
        if (trigger == ExecutionTrigger.Succeed)
        {
            s.Runs.Clear();
        }
        else if (s.Runs.Values.FirstOrDefault() is { } root)
        {
            root.Phase = RunPhase.Failed;
            root.TaskMachine = null;
        }
        _ready.Clear();
        AddEffect(() =>
        {
            _engine.OnClosed(this);
            _closed.TrySetResult();
        });
    }

    private void OnStop(StopMessage stop)
    {
        if (Snapshot.Status == ExecutionStatus.Running)
        {
            CloseExecution(ExecutionTrigger.Abort, stop.Error, stop.Cause, null);
        }
        AddEffect(() => stop.Reply.TrySetResult(null));
        _dirty = true;
    }

    private void OnRedrive(RedriveMessage redrive)
    {
        var s = Snapshot;
        if (!_lifecycle.CanFire(ExecutionTrigger.Redrive) || s.Runs.Values.FirstOrDefault(r => r.ParentId is null) is not { } root)
        {
            redrive.Reply.TrySetResult(new StepFunctionsException("ExecutionNotRedrivable",
                $"Execution '{s.Arn}' cannot be redriven: its status is {Wire(s.Status)}."));
            return;
        }
        _lifecycle.Fire(ExecutionTrigger.Redrive);
        s.RedriveCount++;
        s.RedriveDate = Now;
        s.StopDate = null;
        s.Error = null;
        s.Cause = null;
        s.TimeoutAt = _engine.ExecutionDeadline(s.DefinitionId, Now);
        Emit(null, HistoryEventType.ExecutionRedriven, e => e.ExecutionRedrivenEventDetails = new ExecutionRedrivenEventDetails { RedriveCount = s.RedriveCount });
        root.LastEventId = s.LastEventId;
        root.Phase = RunPhase.Ready;
        _ready.Enqueue(root.Id);
        _timers.Arm(0, TimerKind.ExecutionTimeout, s.TimeoutAt);
        AddEffect(() => redrive.Reply.TrySetResult(null));
    }

    /// <summary>After a restart: re-arm every timer and re-run every task whose result was not committed.</summary>
    private void Recover()
    {
        var s = Snapshot;
        _timers.Arm(0, TimerKind.ExecutionTimeout, s.TimeoutAt);
        foreach (var run in s.Runs.Values.ToList())
        {
            switch (run.Phase)
            {
                case RunPhase.Ready:
                    _ready.Enqueue(run.Id);
                    break;
                case RunPhase.Waiting or RunPhase.RetryWaiting when run.Due is { } due:
                    _timers.Arm(run.Id, run.Phase == RunPhase.Waiting ? TimerKind.Wait : TimerKind.Retry, due);
                    break;
                case RunPhase.TaskScheduled or RunPhase.TaskStarted:
                    {
                        _timers.ArmTask(run);
                        var task = (TaskState)Definition(run.DefinitionPath)[run.StateName];
                        var kind = KindOf(task.Resource);
                        var waitsForWorker = kind == ResourceKind.Activity && run.ActivityStarted;
                        if (!run.HandlerReturned && !waitsForWorker)
                        {
                            StartWork(run, task, kind);
                        }
                        break;
                    }
            }
        }
    }

    /// <summary>Runs waiting for a callback or an activity worker (no in-process work of ours pending).</summary>
    public int CountAwaitingCallbacks()
    {
        var count = 0;
        foreach (var run in Snapshot.Runs.Values)
        {
            if (run.Phase is RunPhase.TaskScheduled or RunPhase.TaskStarted && !_dispatcher.IsRunning(run.Id))
            {
                count++;
            }
        }
        return count;
    }

    public static string Wire(ExecutionStatus status) => status switch
    {
        ExecutionStatus.Running => "RUNNING",
        ExecutionStatus.Succeeded => "SUCCEEDED",
        ExecutionStatus.Failed => "FAILED",
        ExecutionStatus.TimedOut => "TIMED_OUT",
        _ => "ABORTED",
    };
}
