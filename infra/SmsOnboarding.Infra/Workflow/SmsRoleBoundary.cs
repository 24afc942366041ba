using Amazon.CDK.AWS.IAM;
using Constructs;
using SmsOnboarding.Steps;

namespace SmsOnboarding.Infra.Workflow;

/// <summary>
/// The permissions boundary every SMS role the workflow creates must carry, in each account where EnsureSmsRole
/// creates roles: the service account (service stack) and every member account (member stack).
/// </summary>
public static class SmsRoleBoundary
{
    /// <summary>
    /// The name is fixed because EnsureSmsRole's CreateRole grant requires exactly this boundary ARN
    /// (<see cref="StepGrants.BoundaryArn"/>). A factory, not a construct of its own, so the policy's logical id in the
    /// service stack stays what it was: a new id would replace a named policy, and CloudFormation creates the
    /// replacement before deleting the old one, which fails on the name.
    /// </summary>
    public static ManagedPolicy Create(Construct scope, string id) => new(scope, id, new ManagedPolicyProps
    {
        ManagedPolicyName = StepGrants.SmsRoleBoundaryPolicyName,
        Description = "Permissions boundary of every SMS role the workflow creates: SNS Publish only.",
        Statements = [new PolicyStatement(new PolicyStatementProps { Effect = Effect.ALLOW, Actions = ["sns:Publish"], Resources = ["*"] })],
    });
}
