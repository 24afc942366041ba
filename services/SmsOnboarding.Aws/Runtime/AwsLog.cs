using Microsoft.Extensions.Logging;

namespace SmsOnboarding.Aws.Runtime;

/// <summary>Log events of the clients. Only operation names, codes and redacted messages: never request bodies.</summary>
internal static partial class AwsLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Service} {Operation} attempt {Attempt}: HTTP {Status} in {ElapsedMs} ms (request id {RequestId})")]
    public static partial void Completed(ILogger logger, string service, string operation, int attempt, int status, long elapsedMs, string? requestId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{Service} {Operation} attempt {Attempt} failed with {ErrorCode}: {ErrorMessage}; retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string service, string operation, int attempt, string errorCode, string errorMessage, long delayMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "{Service} {Operation} failed after {Attempts} attempt(s) with {ErrorCode} (HTTP {Status}, request id {RequestId}): {ErrorMessage}")]
    public static partial void Failed(ILogger logger, string service, string operation, int attempts, string errorCode, int status, string? requestId, string errorMessage);
}
