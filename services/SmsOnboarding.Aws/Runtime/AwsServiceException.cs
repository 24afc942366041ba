using System.Net;

namespace SmsOnboarding.Aws.Runtime;

/// <summary>
/// The one error type of every client: a service error document (awsJson or awsQuery), or a network fault/timeout
/// after retries. Messages are redacted (no phone numbers, no one-time passwords).
/// </summary>
public sealed class AwsServiceException : Exception
{
    public AwsServiceException()
        : this("Unknown", "AWS call failed.", 0, null, null, "unknown")
    {
    }

    public AwsServiceException(string message)
        : this("Unknown", message, 0, null, null, "unknown")
    {
    }

    public AwsServiceException(string message, Exception innerException)
        : this("Unknown", message, 0, null, null, "unknown", innerException)
    {
    }

    public AwsServiceException(
        string errorCode,
        string message,
        HttpStatusCode httpStatusCode,
        string? requestId,
        string? reason,
        string serviceName,
        Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorCode = errorCode;
        HttpStatusCode = httpStatusCode;
        RequestId = requestId;
        Reason = reason;
        ServiceName = serviceName;
    }

    /// <summary>Wire error code with botocore's normalisation (e.g. <c>InvalidParameter</c>, <c>ThrottlingException</c>).</summary>
    public string ErrorCode { get; }

    /// <summary>0 when no HTTP response arrived (network fault, timeout).</summary>
    public HttpStatusCode HttpStatusCode { get; }

    public string? RequestId { get; }

    /// <summary>SMS Voice v2 error reason (ValidationException, ConflictException, ServiceQuotaExceededException, AccessDeniedException).</summary>
    public string? Reason { get; }

    public string ServiceName { get; }

    /// <summary>The operation that failed, e.g. <c>CreateCase</c>.</summary>
    public string? Operation { get; init; }

    /// <summary>HTTP attempts made before giving up.</summary>
    public int Attempts { get; init; } = 1;

    public bool IsThrottling => ErrorClassifier.IsThrottling(ErrorCode, HttpStatusCode);

    /// <summary>Throttling, 5xx, transient codes and network faults: worth retrying when the operation is idempotent.</summary>
    public bool IsRetryable => ErrorClassifier.IsRetryable(ErrorCode, HttpStatusCode);

    public static class NetworkCodes
    {
        public const string RequestTimeout = "RequestTimeout";
        public const string NetworkFailure = "NetworkFailure";
    }
}
