namespace SmsOnboarding.Engine;

/// <summary>An API error with Step Functions' error code (the awsJson <c>__type</c>) and HTTP status.</summary>
public sealed class StepFunctionsException : Exception
{
    public StepFunctionsException(string errorCode, string message, int statusCode = 400)
        : base(message)
    {
        ErrorCode = errorCode;
        StatusCode = statusCode;
    }

    public StepFunctionsException()
        : this("InternalError", "Internal error", 500)
    {
    }

    public StepFunctionsException(string message)
        : this("ValidationException", message)
    {
    }

    public StepFunctionsException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = "InternalError";
        StatusCode = 500;
    }

    public string ErrorCode { get; }

    public int StatusCode { get; }
}
