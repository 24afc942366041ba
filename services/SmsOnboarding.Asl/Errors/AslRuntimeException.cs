namespace SmsOnboarding.Asl;

/// <summary>
/// An error raised while evaluating paths, payload templates, intrinsics or Choice rules at run time.
/// The engine fails the state with <see cref="Error"/> and <see cref="Cause"/> (then Retry/Catch apply).
/// </summary>
public sealed class AslRuntimeException : Exception
{
    public AslRuntimeException(string error, string cause)
        : base($"{error}: {cause}")
    {
        Error = error;
        Cause = cause;
    }

    public AslRuntimeException(string error, string cause, Exception innerException)
        : base($"{error}: {cause}", innerException)
    {
        Error = error;
        Cause = cause;
    }

    public AslRuntimeException()
        : this(ErrorNames.Runtime, "Unspecified runtime error")
    {
    }

    public AslRuntimeException(string message)
        : this(ErrorNames.Runtime, message)
    {
    }

    public string Error { get; }

    public string Cause { get; }
}
