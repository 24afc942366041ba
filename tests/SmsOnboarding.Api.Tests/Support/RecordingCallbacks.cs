using SmsOnboarding.Steps.HumanTasks;

namespace SmsOnboarding.Api.Tests.Support;

/// <summary>Stands in for SendTaskSuccess/Failure and remembers what the workflow would have received.</summary>
internal sealed class RecordingCallbacks : IStepFunctionsCallbacks
{
    public List<(string Token, string Output)> Successes { get; } = [];
    public List<(string Token, string Error, string Cause)> Failures { get; } = [];

    public Task<CallbackResult> SendTaskSuccessAsync(string taskToken, string outputJson, CancellationToken cancellationToken = default)
    {
        Successes.Add((taskToken, outputJson));
        return Task.FromResult(CallbackResult.Delivered);
    }

    public Task<CallbackResult> SendTaskFailureAsync(string taskToken, string error, string cause, CancellationToken cancellationToken = default)
    {
        Failures.Add((taskToken, error, cause));
        return Task.FromResult(CallbackResult.Delivered);
    }
}
