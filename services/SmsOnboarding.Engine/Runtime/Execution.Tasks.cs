using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using SmsOnboarding.Asl;
using SmsOnboarding.Aws.StepFunctions.Model;
using SmsOnboarding.Engine.Tasks;

namespace SmsOnboarding.Engine.Runtime;

internal enum ResourceKind
{
    LambdaInvoke,
    LambdaInvokeWaitForTaskToken,
    LambdaArn,
    Activity,
    Unsupported,
}

/// <summary>Task states: scheduling, in-process dispatch, results, callbacks, activities, timeouts and heartbeats.</summary>
internal sealed partial class Execution
{
    public const string LambdaInvokeResource = "arn:aws:states:::lambda:invoke";
    public const string LambdaInvokeWaitResource = "arn:aws:states:::lambda:invoke.waitForTaskToken";

    public static ResourceKind KindOf(string resource) => resource switch
    {
        LambdaInvokeResource => ResourceKind.LambdaInvoke,
        LambdaInvokeWaitResource => ResourceKind.LambdaInvokeWaitForTaskToken,
        _ when FunctionNames.IsLambdaArn(resource) => ResourceKind.LambdaArn,
        _ when FunctionNames.IsActivityArn(resource) => ResourceKind.Activity,
        _ => ResourceKind.Unsupported,
    };

    private Stateless.StateMachine<RunPhase, TaskTrigger> TaskMachine(RunState run) => run.TaskMachine ??= TaskLifecycle.For(run);

    private void ScheduleTask(RunState run, TaskState task)
    {
        var kind = KindOf(task.Resource);
        if (kind == ResourceKind.Unsupported)
        {
            throw new AslRuntimeException(ErrorNames.Runtime, $"The resource '{task.Resource}' is not supported by the embedded engine (lambda:invoke, Lambda function ARNs and activities are).");
        }
        var effective = DataFlow.EffectiveInput(task, run.Input, Context(run), _engine.Random);
        var timeout = TaskTimeouts.TimeoutSeconds(task, effective);
        var heartbeat = TaskTimeouts.HeartbeatSeconds(task, effective);
        var inputText = Json(effective);
        if (Utf8Length(inputText) > MaxPayloadBytes)
        {
            throw new AslRuntimeException(ErrorNames.DataLimitExceeded, $"The input of task '{task.Name}' exceeds the maximum number of bytes service limit.");
        }
        var machine = TaskMachine(run);
        machine.Fire(TaskTrigger.Schedule);
        run.Attempt++;
        run.TaskInput = effective;
        run.HandlerReturned = false;
        run.ActivityStarted = false;
        run.HeartbeatSeconds = heartbeat;
        var now = Now;
        run.TimeoutAt = timeout is { } t ? now.AddSeconds(t) : null;
        run.HeartbeatAt = heartbeat is { } h ? now.AddSeconds(h) : null;
        switch (kind)
        {
            case ResourceKind.LambdaInvoke or ResourceKind.LambdaInvokeWaitForTaskToken:
                Emit(run, HistoryEventType.TaskScheduled, e => e.TaskScheduledEventDetails = new TaskScheduledEventDetails
                {
                    ResourceType = "lambda",
                    Resource = ResourceName(kind),
                    Region = _engine.Options.Region,
                    Parameters = inputText,
                    TimeoutInSeconds = timeout,
                    HeartbeatInSeconds = heartbeat,
                });
                Emit(run, HistoryEventType.TaskStarted, e => e.TaskStartedEventDetails = new TaskStartedEventDetails { ResourceType = "lambda", Resource = ResourceName(kind) });
                machine.Fire(TaskTrigger.Start);
                break;
            case ResourceKind.LambdaArn:
                Emit(run, HistoryEventType.LambdaFunctionScheduled, e => e.LambdaFunctionScheduledEventDetails = new LambdaFunctionScheduledEventDetails
                {
                    Resource = task.Resource,
                    Input = inputText,
                    InputDetails = new HistoryEventExecutionDataDetails { Truncated = false },
                    TimeoutInSeconds = timeout,
                });
                Emit(run, HistoryEventType.LambdaFunctionStarted);
                machine.Fire(TaskTrigger.Start);
                break;
            case ResourceKind.Activity:
                Emit(run, HistoryEventType.ActivityScheduled, e => e.ActivityScheduledEventDetails = new ActivityScheduledEventDetails
                {
                    Resource = task.Resource,
                    Input = inputText,
                    InputDetails = new HistoryEventExecutionDataDetails { Truncated = false },
                    TimeoutInSeconds = timeout,
                    HeartbeatInSeconds = heartbeat,
                });
                break;
        }
        _timers.ArmTask(run);
        StartWork(run, task, kind);
    }

    private static string ResourceName(ResourceKind kind) => kind == ResourceKind.LambdaInvoke ? "invoke" : "invoke.waitForTaskToken";

    /// <summary>After the commit: call the handler, or offer the activity task to workers.</summary>
    private void StartWork(RunState run, TaskState task, ResourceKind kind)
    {
        var runId = run.Id;
        var attempt = run.Attempt;
        var token = run.TaskToken;
        var key = $"{Snapshot.Arn}/{run.EnteredEventId}";
        if (kind == ResourceKind.Activity)
        {
            var input = Json(run.TaskInput);
            AddEffect(() => _engine.Activities.Offer(task.Resource, new ActivityWork(this, runId, attempt, token!, input)));
            return;
        }
        string functionName;
        JsonNode? payload;
        if (kind == ResourceKind.LambdaArn)
        {
            functionName = FunctionNames.Resolve(task.Resource);
            payload = run.TaskInput?.DeepClone();
        }
        else
        {
            var parameters = run.TaskInput as JsonObject;
            if (parameters?["FunctionName"] is not JsonValue name || !name.TryGetValue<string>(out var fn))
            {
                throw new AslRuntimeException(ErrorNames.Runtime, $"Task '{task.Name}': lambda:invoke needs a string 'FunctionName' parameter.");
            }
            functionName = FunctionNames.Resolve(fn);
            payload = parameters["Payload"]?.DeepClone();
        }
        var invocation = new TaskInvocation(payload, Snapshot.Arn, task.Name, key, attempt, kind == ResourceKind.LambdaInvokeWaitForTaskToken ? token : null);
        AddEffect(() => _dispatcher.Dispatch(runId, functionName, invocation));
    }

    private bool IsCurrentTask(int runId, int attempt, out RunState run, out TaskState task)
    {
        task = null!;
        run = null!;
        if (Snapshot.Status != ExecutionStatus.Running || !Snapshot.Runs.TryGetValue(runId, out run!) || run.Attempt != attempt
            || run.Phase is not (RunPhase.TaskScheduled or RunPhase.TaskStarted))
        {
            return false;
        }
        task = (TaskState)Definition(run.DefinitionPath)[run.StateName];
        return true;
    }

    private void OnHandlerResult(HandlerResultMessage message)
    {
        if (!IsCurrentTask(message.RunId, message.Attempt, out var run, out var task) || run.HandlerReturned)
        {
            return;
        }
        _dispatcher.Returned(run.Id);
        var kind = KindOf(task.Resource);
        if (message.Error is not null)
        {
            TaskFailed(run, task, kind, message.Error, message.Cause);
            return;
        }
        if (kind == ResourceKind.LambdaInvokeWaitForTaskToken)
        {
            run.HandlerReturned = true;
            Emit(run, HistoryEventType.TaskSubmitted, e => e.TaskSubmittedEventDetails = new TaskSubmittedEventDetails
            {
                ResourceType = "lambda",
                Resource = ResourceName(kind),
                Output = Json(LambdaInvokeResult(message.Result, message.RunId)),
                OutputDetails = new HistoryEventExecutionDataDetails { Truncated = false },
            });
            return;
        }
        TaskSucceeded(run, task, kind, kind == ResourceKind.LambdaInvoke ? LambdaInvokeResult(message.Result, message.RunId) : message.Result);
    }

    private JsonObject LambdaInvokeResult(JsonNode? payload, int runId)
    {
        var requestId = new Guid(MD5.HashData(Encoding.UTF8.GetBytes($"{Snapshot.Arn}/{runId}/{Snapshot.LastEventId}"))).ToString();
        return new JsonObject
        {
            ["ExecutedVersion"] = "$LATEST",
            ["Payload"] = payload?.DeepClone(),
            ["SdkHttpMetadata"] = new JsonObject
            {
                ["AllHttpHeaders"] = new JsonObject
                {
                    ["X-Amz-Executed-Version"] = new JsonArray("$LATEST"),
                    ["x-amzn-Remapped-Content-Length"] = new JsonArray("0"),
                    ["Connection"] = new JsonArray("keep-alive"),
                    ["x-amzn-RequestId"] = new JsonArray(requestId),
                    ["Content-Type"] = new JsonArray("application/json"),
                },
                ["HttpHeaders"] = new JsonObject
                {
                    ["Connection"] = "keep-alive",
                    ["Content-Type"] = "application/json",
                    ["X-Amz-Executed-Version"] = "$LATEST",
                    ["x-amzn-Remapped-Content-Length"] = "0",
                    ["x-amzn-RequestId"] = requestId,
                },
                ["HttpStatusCode"] = 200,
            },
            ["SdkResponseMetadata"] = new JsonObject { ["RequestId"] = requestId },
            ["StatusCode"] = 200,
        };
    }

    private void TaskSucceeded(RunState run, TaskState task, ResourceKind kind, JsonNode? result)
    {
        var text = Json(result);
        if (Utf8Length(text) > MaxPayloadBytes)
        {
            TaskFailed(run, task, kind, ErrorNames.DataLimitExceeded, $"The task '{task.Name}' returned a result with a size exceeding the maximum number of bytes service limit.");
            return;
        }
        var details = new HistoryEventExecutionDataDetails { Truncated = false };
        switch (kind)
        {
            case ResourceKind.LambdaArn:
                Emit(run, HistoryEventType.LambdaFunctionSucceeded, e => e.LambdaFunctionSucceededEventDetails = new LambdaFunctionSucceededEventDetails { Output = text, OutputDetails = details });
                break;
            case ResourceKind.Activity:
                Emit(run, HistoryEventType.ActivitySucceeded, e => e.ActivitySucceededEventDetails = new ActivitySucceededEventDetails { Output = text, OutputDetails = details });
                break;
            default:
                Emit(run, HistoryEventType.TaskSucceeded, e => e.TaskSucceededEventDetails = new TaskSucceededEventDetails { ResourceType = "lambda", Resource = ResourceName(kind), Output = text, OutputDetails = details });
                break;
        }
        TaskMachine(run).Fire(TaskTrigger.Complete);
        JsonNode? output;
        try
        {
            output = DataFlow.StateOutput(task, run.Input, result, Context(run), _engine.Random);
        }
        catch (AslRuntimeException e)
        {
            HandleError(run, task, e.Error, e.Cause);
            return;
        }
        Exit(run, task, output, task.Next);
    }

    private void TaskFailed(RunState run, TaskState task, ResourceKind kind, string error, string? cause)
    {
        switch (kind)
        {
            case ResourceKind.LambdaArn:
                Emit(run, HistoryEventType.LambdaFunctionFailed, e => e.LambdaFunctionFailedEventDetails = new LambdaFunctionFailedEventDetails { Error = error, Cause = cause });
                break;
            case ResourceKind.Activity:
                Emit(run, HistoryEventType.ActivityFailed, e => e.ActivityFailedEventDetails = new ActivityFailedEventDetails { Error = error, Cause = cause });
                break;
            default:
                Emit(run, HistoryEventType.TaskFailed, e => e.TaskFailedEventDetails = new TaskFailedEventDetails { ResourceType = "lambda", Resource = ResourceName(kind), Error = error, Cause = cause });
                break;
        }
        TaskMachine(run).Fire(TaskTrigger.Fail);
        HandleError(run, task, error, cause);
    }

    private void TaskTimedOut(RunState run, TaskState task, string error, string cause)
    {
        var kind = KindOf(task.Resource);
        switch (kind)
        {
            case ResourceKind.LambdaArn:
                Emit(run, HistoryEventType.LambdaFunctionTimedOut, e => e.LambdaFunctionTimedOutEventDetails = new LambdaFunctionTimedOutEventDetails { Error = error, Cause = cause });
                break;
            case ResourceKind.Activity:
                Emit(run, HistoryEventType.ActivityTimedOut, e => e.ActivityTimedOutEventDetails = new ActivityTimedOutEventDetails { Error = error, Cause = cause });
                break;
            default:
                Emit(run, HistoryEventType.TaskTimedOut, e => e.TaskTimedOutEventDetails = new TaskTimedOutEventDetails { ResourceType = "lambda", Resource = ResourceName(kind), Error = error, Cause = cause });
                break;
        }
        TaskMachine(run).Fire(TaskTrigger.Fail);
        HandleError(run, task, error, cause);
    }
}
