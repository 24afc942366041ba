using Amazon.CDK;
using Constructs;

namespace SmsOnboarding.Infra.Members;

/// <summary>
/// The StackSet that puts the member stack into every account of the given OUs, now and as accounts join
/// (decision 0026). Its own stack, deployed in the organization's management account or a delegated StackSets
/// administrator: service-managed StackSets can be made only there, and the service account need be neither.
/// </summary>
public sealed class SmsOnboardingOrgStack : Stack
{
    public const string DefaultName = "SmsOnboardingOrg";
    public const string StackSetName = "sms-onboarding-member";
    public const string OrganizationalUnitIdsParameter = "OrganizationalUnitIds";
    public const string CallAsParameter = "CallAs";

    public SmsOnboardingOrgStack(Construct scope, string id, string memberTemplateBody)
        : base(scope, id, new StackProps
        {
            Description = "SmsOnboarding member side: a service-managed StackSet deploying the target role to every account of the OUs (issue 12)",
            // Deployable with `aws cloudformation deploy` from an account that was never CDK-bootstrapped.
            Synthesizer = new DefaultStackSynthesizer(new DefaultStackSynthesizerProps { GenerateBootstrapVersionRule = false }),
            AnalyticsReporting = false,
        })
    {
        var member = MemberParameters.Declare(this);
        var units = new CfnParameter(this, OrganizationalUnitIdsParameter, new CfnParameterProps
        {
            Type = "CommaDelimitedList",
            Description = "OUs whose accounts get the member stack (ou-xxxx-yyyyyyyy, comma-separated); accounts that join later get it too.",
        });
        var callAs = new CfnParameter(this, CallAsParameter, new CfnParameterProps
        {
            Type = "String",
            Default = "SELF",
            AllowedValues = ["SELF", "DELEGATED_ADMIN"],
            Description = "SELF in the management account; DELEGATED_ADMIN in an account registered as a StackSets delegated administrator.",
        });

        _ = new CfnStackSet(this, "MemberStackSet", new CfnStackSetProps
        {
            StackSetName = StackSetName,
            Description = "SmsOnboarding target role and SMS-role boundary in each team account",
            PermissionModel = "SERVICE_MANAGED",
            CallAs = callAs.ValueAsString,
            AutoDeployment = new CfnStackSet.AutoDeploymentProperty { Enabled = true, RetainStacksOnAccountRemoval = false },
            Capabilities = ["CAPABILITY_NAMED_IAM"],
            // IAM is global and the role and policy names are fixed: a second Region's instance would collide on them.
            StackInstancesGroup = new[]
            {
                new CfnStackSet.StackInstancesProperty
                {
                    DeploymentTargets = new CfnStackSet.DeploymentTargetsProperty { OrganizationalUnitIds = units.ValueAsList },
                    Regions = [Amazon.CDK.Aws.REGION],
                },
            },
            Parameters = member.ByName
                .Select(p => new CfnStackSet.ParameterProperty { ParameterKey = p.Key, ParameterValue = p.Value.ValueAsString })
                .ToArray(),
            TemplateBody = memberTemplateBody,
        });
    }
}
