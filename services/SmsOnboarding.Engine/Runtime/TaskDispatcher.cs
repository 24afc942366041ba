using System.Text.Json.Nodes;
using SmsOnboarding.Engine.Tasks;

namespace SmsOnboarding.Engine.Runtime;

/// <summary>
/// The in-process handler calls of one execution's task states: starts each on the thread pool, posts its result back
/// to the execution's mailbox, and cancels it when nobody waits for the result any more (timeout, retry, stop).
/// It sees only the handlers and the mailbox, never the execution's state.
/// </summary>
internal sealed class TaskDispatcher(StepFunctionsEngine engine, Action<ExecutionMessage> post)
{
    private readonly Dictionary<int, CancellationTokenSource> _inflight = [];

    public void Dispatch(int runId, string functionName, TaskInvocation invocation)
    {
        if (!engine.TryGetFunction(functionName, out var handler))
        {
            post(new HandlerResultMessage(runId, invocation.Attempt, null, "Lambda.ResourceNotFoundException",
                $"Function not found: arn:aws:lambda:{engine.Options.Region}:{engine.Options.AccountId}:function:{functionName} (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException)"));
            return;
        }
        var cancellation = new CancellationTokenSource();
        lock (_inflight)
        {
            if (_inflight.Remove(runId, out var previous))
            {
                previous.Cancel();
                previous.Dispose();
            }
            _inflight[runId] = cancellation;
        }
        engine.InflightIncrement();
        _ = Task.Run(async () =>
        {
            try
            {
                var result = await handler(invocation, cancellation.Token).ConfigureAwait(false);
                post(new HandlerResultMessage(runId, invocation.Attempt, result, null, null));
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                // The task timed out, was retried or the execution stopped: nobody waits for this result.
            }
            catch (TaskFailedException e)
            {
                post(new HandlerResultMessage(runId, invocation.Attempt, null, e.Error, e.Cause));
            }
#pragma warning disable CA1031 // Any handler exception is the task's failure, like Lambda's unhandled errors.
            catch (Exception e)
#pragma warning restore CA1031
            {
                var type = e.GetType().Name;
                var cause = new JsonObject { ["errorMessage"] = e.Message, ["errorType"] = type }.ToJsonString();
                post(new HandlerResultMessage(runId, invocation.Attempt, null, type, cause));
            }
            finally
            {
                engine.InflightDecrement();
            }
        });
    }

    /// <summary>The handler's result arrived: it no longer needs cancelling.</summary>
    public void Returned(int runId)
    {
        lock (_inflight)
        {
            if (_inflight.Remove(runId, out var cancellation))
            {
                cancellation.Dispose();
            }
        }
    }

    public void Cancel(int runId)
    {
        lock (_inflight)
        {
            if (_inflight.Remove(runId, out var cancellation))
            {
                cancellation.Cancel();
                cancellation.Dispose();
            }
        }
    }

    public void CancelAll()
    {
        lock (_inflight)
        {
            foreach (var cancellation in _inflight.Values)
            {
                cancellation.Cancel();
                cancellation.Dispose();
            }
            _inflight.Clear();
        }
    }

    public bool IsRunning(int runId)
    {
        lock (_inflight)
        {
            return _inflight.ContainsKey(runId);
        }
    }
}
