namespace SmsOnboarding.Steps;

/// <summary>
/// How a step ends badly: <see cref="ErrorName"/> is what the ASL's Retry/Catch match (see <see cref="StepErrors"/>),
/// the message is the cause a person reads.
/// </summary>
public sealed class StepException : Exception
{
    public StepException()
        : this(StepErrors.Failed, "The step failed.")
    {
    }

    public StepException(string message)
        : this(StepErrors.Failed, message)
    {
    }

    public StepException(string message, Exception innerException)
        : this(StepErrors.Failed, message, innerException)
    {
    }

    public StepException(string errorName, string cause, Exception? innerException = null)
        : base(cause, innerException) => ErrorName = errorName;

    public string ErrorName { get; }

    public static StepException Transient(string cause, Exception? inner = null) => new(StepErrors.Transient, cause, inner);

    public static StepException Failed(string cause, Exception? inner = null) => new(StepErrors.Failed, cause, inner);

    public static StepException Denied(string cause) => new(StepErrors.Denied, cause);
}
