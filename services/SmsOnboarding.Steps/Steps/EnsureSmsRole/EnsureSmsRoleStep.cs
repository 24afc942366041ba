using SmsOnboarding.Steps.Contracts;

namespace SmsOnboarding.Steps.EnsureSmsRole;

/// <summary>Creates or repairs the SMS role Cognito assumes for this pool.</summary>
public static class EnsureSmsRoleStep
{
    public const string Name = "EnsureSmsRole";

    public static StepDescriptor Descriptor { get; } = new StepDescriptor<StepInput, RoleInfo>(
        Name,
        contractVersion: 1,
        StateRole.Working,
        options => new EnsureSmsRoleJson(options),
        s => new EnsureSmsRoleHandler(s.Aws, s.SmsRoleBoundaryArn),
        StepGrants.On(StepGrants.ManagedRoles, "iam:GetRole", "iam:GetRolePolicy", "iam:PutRolePolicy", "iam:UpdateAssumeRolePolicy", "iam:TagRole"),
        StepGrants.On(StepGrants.ManagedRoleNames, "iam:GetRole"),
        StepGrants.When(StepGrants.On(StepGrants.ManagedRoles, "iam:CreateRole"), "iam:PermissionsBoundary", StepGrants.BoundaryArn));
}
