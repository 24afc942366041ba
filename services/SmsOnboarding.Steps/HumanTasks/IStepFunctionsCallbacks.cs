namespace SmsOnboarding.Steps.HumanTasks;

/// <summary>SendTaskSuccess / SendTaskFailure, against the local engine's endpoint or real Step Functions.</summary>
public interface IStepFunctionsCallbacks
{
    Task<CallbackResult> SendTaskSuccessAsync(string taskToken, string outputJson, CancellationToken cancellationToken = default);

    Task<CallbackResult> SendTaskFailureAsync(string taskToken, string error, string cause, CancellationToken cancellationToken = default);
}

public enum CallbackResult
{
    Delivered,

    /// <summary>TaskTimedOut or TaskDoesNotExist: the workflow moved on (timeout → reminder, or stopped). A normal outcome.</summary>
    Expired,

    /// <summary>Throttling, 5xx, network: nothing was delivered, try again.</summary>
    Transient,
}
