using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Aws.StepFunctions;
using SmsOnboarding.Aws.StepFunctions.Model;

namespace SmsOnboarding.Steps.HumanTasks;

/// <summary>Callbacks over the Step Functions wire API: real Step Functions, or the embedded engine's endpoint.</summary>
public sealed class StepFunctionsCallbacks(IAmazonStepFunctions client) : IStepFunctionsCallbacks
{
    public Task<CallbackResult> SendTaskSuccessAsync(string taskToken, string outputJson, CancellationToken cancellationToken = default) =>
        Deliver(() => client.SendTaskSuccessAsync(new SendTaskSuccessRequest { TaskToken = taskToken, Output = outputJson }, cancellationToken));

    public Task<CallbackResult> SendTaskFailureAsync(string taskToken, string error, string cause, CancellationToken cancellationToken = default) =>
        Deliver(() => client.SendTaskFailureAsync(new SendTaskFailureRequest { TaskToken = taskToken, Error = error, Cause = cause }, cancellationToken));

    private static async Task<CallbackResult> Deliver<T>(Func<Task<T>> send)
    {
        try
        {
            await send().ConfigureAwait(false);
            return CallbackResult.Delivered;
        }
        catch (AwsServiceException e) when (e.ErrorCode is "TaskTimedOut" or "TaskDoesNotExist" or "InvalidToken")
        {
            return CallbackResult.Expired;
        }
        catch (AwsServiceException e) when (e.IsRetryable)
        {
            return CallbackResult.Transient;
        }
    }
}
