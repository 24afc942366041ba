using SmsOnboarding.Aws.Runtime;

namespace SmsOnboarding.Steps.Aws;

/// <summary>
/// The one place AWS errors become step outcomes: throttling, 5xx and network faults are transient (the ASL
/// retries them with backoff); everything else is a failure whose cause says what to fix.
/// </summary>
public static class AwsCall
{
    public static async Task<T> Run<T>(string what, Func<Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (AwsServiceException e)
        {
            throw ToStepException(what, e);
        }
    }

    public static StepException ToStepException(string what, AwsServiceException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.IsRetryable)
        {
            return StepException.Transient($"{what}: {e.ServiceName} answered {e.ErrorCode} ({e.Message}); retrying.", e);
        }

        var advice = e.ErrorCode switch
        {
            "AccessDenied" or "AccessDeniedException" or "AuthorizationError" or "NotAuthorizedException" or "UnauthorizedOperation"
                => " Grant the workflow's role this permission (see StepCatalog) and redrive the execution.",
            "ResourceNotFoundException" or "NoSuchEntity" or "ResourceNotFound"
                => " Check the id in the request and that it lives in this account and Region.",
            "InvalidClientTokenId" or "SignatureDoesNotMatch" or "ExpiredToken" or "UnrecognizedClientException"
                => " The workflow's AWS credentials are not valid for this account.",
            _ => string.Empty,
        };
        var reason = e.Reason is null ? string.Empty : $" Reason: {e.Reason}.";
        return StepException.Failed($"{what} failed: {e.ServiceName} {e.ErrorCode}: {e.Message}.{reason}{advice}", e);
    }

    public static bool Is(this AwsServiceException e, params string[] codes) =>
        codes.Contains(e?.ErrorCode, StringComparer.Ordinal);
}
