namespace SmsOnboarding.Domain.Requests;

/// <summary>One thing wrong with a request. <paramref name="Field"/> is a JSON path like "sandboxNumbers[2]".</summary>
public sealed record ValidationProblem(string Field, string Code, string Message);

public sealed record ValidationResult(OnboardingRequest? Request, IReadOnlyList<ValidationProblem> Problems)
{
    public bool IsValid => Request is not null && Problems.Count == 0;
}
