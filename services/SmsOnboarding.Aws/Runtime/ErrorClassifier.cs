using System.Net;

namespace SmsOnboarding.Aws.Runtime;

/// <summary>botocore's standard retry classification (throttling codes, transient codes, 5xx).</summary>
public static class ErrorClassifier
{
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "RequestThrottled", "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
        "Throttled",
    };

    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        AwsServiceException.NetworkCodes.RequestTimeout, AwsServiceException.NetworkCodes.NetworkFailure,
        "RequestTimeoutException", "InternalError", "InternalFailure", "InternalServerError", "InternalServerException",
        "ServiceUnavailable", "ServiceUnavailableException", "IDPCommunicationError",
    };

    public static bool IsThrottling(string errorCode, HttpStatusCode status) =>
        ThrottlingCodes.Contains(errorCode) || status == HttpStatusCode.TooManyRequests;

    public static bool IsRetryable(string errorCode, HttpStatusCode status) =>
        IsThrottling(errorCode, status) || TransientCodes.Contains(errorCode) || (int)status >= 500;
}
