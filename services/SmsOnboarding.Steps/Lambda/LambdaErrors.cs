namespace SmsOnboarding.Steps.Lambda;

// The .NET Lambda runtime reports an unhandled exception's class name as errorType, and Step Functions matches
// Retry/Catch on it. These classes exist so the cloud reports exactly the names StepErrors defines.
#pragma warning disable CA1710, CA1032
public sealed class TransientAwsError(string message, Exception inner) : Exception(message, inner);

public sealed class OnboardingStepFailed(string message, Exception inner) : Exception(message, inner);

public sealed class AwsRequestDenied(string message, Exception inner) : Exception(message, inner);
#pragma warning restore CA1710, CA1032

internal static class LambdaErrors
{
    public static Exception ToLambdaError(StepException e) => e.ErrorName switch
    {
        StepErrors.Transient => new TransientAwsError(e.Message, e),
        StepErrors.Denied => new AwsRequestDenied(e.Message, e),
        _ => new OnboardingStepFailed(e.Message, e),
    };
}
