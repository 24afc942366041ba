namespace SmsOnboarding.Steps.Finalize;

/// <summary>Sets the pool's SMS configuration, keeping every other setting.</summary>
public static class FinalizeStep
{
    public const string Name = "Finalize";

    public static StepDescriptor Descriptor { get; } = new StepDescriptor<FinalizeInput, FinalizeResult>(
        Name,
        contractVersion: 1,
        StateRole.Finalizing,
        options => new FinalizeJson(options),
        s => new FinalizeHandler(s.Aws),
        StepGrants.On(StepGrants.AnyUserPool, "cognito-idp:DescribeUserPool", "cognito-idp:UpdateUserPool"),
        // UpdateUserPool with SmsConfiguration passes the SMS role to Cognito.
        StepGrants.When(StepGrants.On(StepGrants.ManagedRoles, "iam:PassRole"), "iam:PassedToService", "cognito-idp.amazonaws.com"));
}
