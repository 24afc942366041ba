using SmsOnboarding.Aws.AWSSupport;
using SmsOnboarding.Aws.CognitoIdentityProvider;
using SmsOnboarding.Aws.IdentityManagement;
using SmsOnboarding.Aws.PinpointSMSVoiceV2;
using SmsOnboarding.Aws.ServiceQuotas;
using SmsOnboarding.Aws.SimpleNotificationService;

namespace SmsOnboarding.Simulator.Tests.Infrastructure;

/// <summary>The product's own typed clients (SmsOnboarding.Aws), pointed at a test simulator.</summary>
internal static class Clients
{
    public static AmazonSimpleNotificationServiceClient Sns(this TestSimulator sim, string region = "us-east-1") => new(sim.ClientConfig(region));
    public static AmazonCognitoIdentityProviderClient Cognito(this TestSimulator sim, string region = "us-east-1") => new(sim.ClientConfig(region));
    public static AmazonAWSSupportClient Support(this TestSimulator sim) => new(sim.ClientConfig());
    public static AmazonServiceQuotasClient Quotas(this TestSimulator sim, string region = "us-east-1") => new(sim.ClientConfig(region));
    public static AmazonPinpointSMSVoiceV2Client SmsVoice(this TestSimulator sim, string region = "us-east-1") => new(sim.ClientConfig(region));
    public static AmazonIdentityManagementServiceClient Iam(this TestSimulator sim) => new(sim.ClientConfig());
}
