namespace SmsOnboarding.Api.Onboardings;

/// <summary>A value, or the HTTP status and message of why there is none (mapped once, in Http/).</summary>
public sealed record Outcome<T>(T? Value, int Status, string? Code = null, string? Message = null, IReadOnlyList<object>? Problems = null)
{
    public bool Ok => Status is >= 200 and < 300;

    public static Outcome<T> Success(T value, int status = 200) => new(value, status);

    public static Outcome<T> Fail(int status, string code, string message, IReadOnlyList<object>? problems = null) =>
        new(default, status, code, message, problems);

    public Outcome<TOther> As<TOther>() => new(default, Status, Code, Message, Problems);
}
