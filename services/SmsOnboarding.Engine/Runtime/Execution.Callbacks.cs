using SmsOnboarding.Asl;
using SmsOnboarding.Aws.StepFunctions.Model;

namespace SmsOnboarding.Engine.Runtime;

/// <summary>Answers from outside: SendTaskSuccess/Failure/Heartbeat with a task token, and activity workers taking a task.</summary>
internal sealed partial class Execution
{
    private void OnActivityStarted(ActivityStartedMessage message)
    {
        if (!IsCurrentTask(message.RunId, message.Attempt, out var run, out _) || run.ActivityStarted)
        {
            return;
        }
        run.ActivityStarted = true;
        Emit(run, HistoryEventType.ActivityStarted, e => e.ActivityStartedEventDetails = new ActivityStartedEventDetails { WorkerName = message.WorkerName });
        TaskMachine(run).Fire(TaskTrigger.Start);
    }

    private void OnCallback(CallbackMessage message)
    {
        if (!Snapshot.Runs.TryGetValue(message.RunId, out var run) || run.TaskToken != message.Token || Snapshot.Status != ExecutionStatus.Running
            || run.Phase is not (RunPhase.TaskScheduled or RunPhase.TaskStarted)
            || Definition(run.DefinitionPath)[run.StateName] is not TaskState task
            || KindOf(task.Resource) is not (ResourceKind.LambdaInvokeWaitForTaskToken or ResourceKind.Activity))
        {
            message.Reply.TrySetResult(new StepFunctionsException("TaskTimedOut", "Task Timed Out: the task token does not belong to a running task."));
            return;
        }
        var kind = KindOf(task.Resource);
        switch (message.Kind)
        {
            case CallbackKind.Success:
                _dispatcher.Cancel(run.Id);
                TaskSucceeded(run, task, kind, message.Output);
                break;
            case CallbackKind.Failure:
                _dispatcher.Cancel(run.Id);
                TaskFailed(run, task, kind, message.Error ?? "", message.Cause);
                break;
            case CallbackKind.Heartbeat:
                if (run.HeartbeatSeconds is { } seconds)
                {
                    run.HeartbeatAt = Now.AddSeconds(seconds);
                    _timers.Arm(run.Id, TimerKind.Heartbeat, run.HeartbeatAt.Value);
                    _dirty = true;
                }
                break;
        }
        AddEffect(() => message.Reply.TrySetResult(null));
    }
}
