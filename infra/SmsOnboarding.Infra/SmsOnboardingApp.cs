using Amazon.CDK;
using SmsOnboarding.Infra.Members;

namespace SmsOnboarding.Infra;

/// <summary>The stacks the CDK app synthesizes, each to its own template; the template tests synthesize the same.</summary>
public sealed record SmsOnboardingApp(SmsOnboardingStack Service, SmsOnboardingMemberStack Member, SmsOnboardingOrgStack Org)
{
    public static SmsOnboardingApp Compose(App app, InfraOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        var service = new SmsOnboardingStack(app, SmsOnboardingStack.DefaultName, options, new StackProps
        {
            Description = "SmsOnboarding: turns on SMS for Cognito user pools with Step Functions (issue 7)",
        });
        var member = new SmsOnboardingMemberStack(app, SmsOnboardingMemberStack.DefaultName);
        var org = new SmsOnboardingOrgStack(app, SmsOnboardingOrgStack.DefaultName, MemberTemplate.Body());
        return new SmsOnboardingApp(service, member, org);
    }
}
