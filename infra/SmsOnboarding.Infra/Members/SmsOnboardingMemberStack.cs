using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;
using SmsOnboarding.Infra.Workflow;
using SmsOnboarding.Steps.TargetAccounts;

namespace SmsOnboarding.Infra.Members;

/// <summary>
/// What a team's account needs so the service can onboard its pools (issue 12.2, decision 0026): the target role the
/// service's step roles assume, and the boundary EnsureSmsRole puts on the SMS roles it creates there. Deployed to
/// every account of an OU by <see cref="SmsOnboardingOrgStack"/>'s StackSet, so the template takes everything
/// account-specific as parameters, has no assets and does not need a CDK bootstrap in the member account.
/// </summary>
public sealed class SmsOnboardingMemberStack : Stack
{
    public const string DefaultName = "SmsOnboardingMember";
    public const string PolicyName = "step-grants";
    public const string DenySelfChangeSid = "DenyAnyChangeToThisRole";

    /// <summary>What the role may still do to itself: read it (CloudFormation drift detection, audits).</summary>
    public static IReadOnlyList<string> SelfReadActions { get; } = ["iam:Get*", "iam:List*"];

    public SmsOnboardingMemberStack(Construct scope, string id)
        : base(scope, id, Props)
    {
        var parameters = MemberParameters.Declare(this);
        _ = SmsRoleBoundary.Create(this, "SmsRoleBoundary");

        var trusted = new AccountPrincipal(parameters.ServiceAccountId.ValueAsString).WithConditions(new Dictionary<string, object>
        {
            ["StringEquals"] = new Dictionary<string, object>
            {
                ["sts:ExternalId"] = parameters.ExternalId.ValueAsString,
                ["aws:PrincipalOrgID"] = parameters.OrganizationId.ValueAsString,
            },
            // aws:PrincipalArn is the calling session's role ARN, path included: only the service's step roles.
            ["ArnLike"] = new Dictionary<string, object> { ["aws:PrincipalArn"] = StepRolesArn(parameters.ServiceAccountId.ValueAsString) },
        });

        _ = new Role(this, "TargetRole", new RoleProps
        {
            RoleName = TargetRole.RoleName,
            Path = TargetRole.Path,
            AssumedBy = trusted,
            Description = "SmsOnboarding steps act in this account through this role; each session is narrowed to one step's grants.",
            // Inline, so the role never exists without the deny; MaxSessionDuration stays 1 h: chained sessions get no more.
            InlinePolicies = new Dictionary<string, PolicyDocument> { [PolicyName] = Policy() },
        });
    }

    /// <summary>No bootstrap version rule: member accounts are not CDK-bootstrapped, the StackSet deploys the template as it is.</summary>
    private static StackProps Props => new()
    {
        Description = "SmsOnboarding member account: the role the service's steps assume here, and the SMS-role boundary (issue 12)",
        Synthesizer = new DefaultStackSynthesizer(new DefaultStackSynthesizerProps { GenerateBootstrapVersionRule = false }),
        AnalyticsReporting = false,
    };

    /// <summary>The service account's step roles, by the path the service stack puts them under.</summary>
    public static string StepRolesArn(string serviceAccountId) =>
        StepPolicies.Resolve($"arn:{{partition}}:iam::{serviceAccountId}:role{OnboardingWorkflow.StepRolePath}*");

    /// <summary>
    /// Every step's grants on the pool's account, and a deny that keeps the role from changing itself: the grants
    /// allow writing roles under the managed path, and the target role lives there too.
    /// </summary>
    private static PolicyDocument Policy()
    {
        var statements = TargetRole.Grants().Select(StepPolicies.Allow).ToList();
        statements.Add(new PolicyStatement(new PolicyStatementProps
        {
            Sid = DenySelfChangeSid,
            Effect = Effect.DENY,
            NotActions = [.. SelfReadActions],
            Resources = [StepPolicies.Resolve(TargetRole.Arn("{account}", "{partition}"))],
        }));
        return new PolicyDocument(new PolicyDocumentProps { Statements = [.. statements] });
    }
}
