using SmsOnboarding.Domain.Requests;

namespace SmsOnboarding.Domain.Planning;

/// <summary>
/// What the account says makes a valid request unrunnable. Only a fact observed to be false counts: an unknown fact
/// (no permission, unreachable) leaves the decision to the workflow's own checks.
/// </summary>
public static class ObservedProblems
{
    public static IReadOnlyList<ValidationProblem> For(OnboardingRequest request, ObservedFacts observed)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(observed);
        return observed.UserPoolExists == false
            ? [new ValidationProblem("userPoolId", "userPoolNotFound",
                $"User pool {request.UserPoolId} does not exist in {request.PoolRegion} of this account: check the pool id (the workflow's first step would fail on it).")]
            : [];
    }
}
