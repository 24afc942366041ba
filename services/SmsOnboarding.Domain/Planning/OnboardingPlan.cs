namespace SmsOnboarding.Domain.Planning;

/// <summary>One step the workflow will run, and why.</summary>
public sealed record PlannedStep(string Id, string Title, string Reason);

public sealed record OnboardingPlan(string SnsRegion, IReadOnlyList<PlannedStep> Steps)
{
    public bool Includes(string stepId) => Steps.Any(step => step.Id == stepId);
}

public static class PlanStepIds
{
    public const string ResolveAccountAndPool = "resolve-account-and-pool";
    public const string SmsRole = "sms-role";
    public const string OriginationIdentity = "origination-identity";
    public const string SandboxExit = "sandbox-exit";
    public const string SpendIncrease = "spend-increase";
    public const string SandboxNumbers = "sandbox-numbers";
    public const string Finalize = "finalize";
    public const string TestMessage = "test-message";
}
