using SmsOnboarding.Aws.StepFunctions.Model;
using SmsOnboarding.Engine;
using SmsOnboarding.Steps.HumanTasks;

namespace SmsOnboarding.Serve.Deployment;

/// <summary>Human-task callbacks straight into the embedded engine (no HTTP hop in-process).</summary>
public sealed class EngineCallbacks(StepFunctionsEngine engine) : IStepFunctionsCallbacks
{
    public Task<CallbackResult> SendTaskSuccessAsync(string taskToken, string outputJson, CancellationToken cancellationToken = default) =>
        Deliver(() => engine.SendTaskSuccessAsync(new SendTaskSuccessRequest { TaskToken = taskToken, Output = outputJson }, cancellationToken));

    public Task<CallbackResult> SendTaskFailureAsync(string taskToken, string error, string cause, CancellationToken cancellationToken = default) =>
        Deliver(() => engine.SendTaskFailureAsync(new SendTaskFailureRequest { TaskToken = taskToken, Error = error, Cause = cause }, cancellationToken));

    private static async Task<CallbackResult> Deliver<T>(Func<Task<T>> send)
    {
        try
        {
            await send().ConfigureAwait(false);
            return CallbackResult.Delivered;
        }
        catch (StepFunctionsException e) when (e.ErrorCode is "TaskTimedOut" or "TaskDoesNotExist" or "InvalidToken")
        {
            return CallbackResult.Expired;
        }
    }
}
