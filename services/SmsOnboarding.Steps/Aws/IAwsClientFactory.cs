using SmsOnboarding.Aws.AWSSupport;
using SmsOnboarding.Aws.CognitoIdentityProvider;
using SmsOnboarding.Aws.IdentityManagement;
using SmsOnboarding.Aws.PinpointSMSVoiceV2;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Aws.SecurityToken;
using SmsOnboarding.Aws.ServiceQuotas;
using SmsOnboarding.Aws.SimpleNotificationService;

namespace SmsOnboarding.Steps.Aws;

/// <summary>
/// The port to AWS: typed clients per Region. A pool, its SNS Region and Support (always us-east-1) are
/// usually in different Regions, so handlers ask for the Region they need.
/// </summary>
public interface IAwsClientFactory
{
    IAmazonSimpleNotificationService Sns(string region);

    IAmazonCognitoIdentityProvider Cognito(string region);

    IAmazonPinpointSMSVoiceV2 SmsVoice(string region);

    IAmazonServiceQuotas ServiceQuotas(string region);

    /// <summary>Support's API lives in us-east-1 for the aws partition.</summary>
    IAmazonAWSSupport Support();

    IAmazonSecurityTokenService Sts(string region);

    IAmazonIdentityManagementService Iam();
}

/// <summary>Clients built from one configuration template; only the Region differs. Clients are cached per Region.</summary>
public sealed class AwsClientFactory(Func<string, AwsClientConfig> configForRegion) : IAwsClientFactory, IDisposable
{
    public const string SupportRegion = "us-east-1";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Service, string Region), IDisposable> _clients = new();

    public IAmazonSimpleNotificationService Sns(string region) => Get("sns", region, c => new AmazonSimpleNotificationServiceClient(c));

    public IAmazonCognitoIdentityProvider Cognito(string region) => Get("cognito-idp", region, c => new AmazonCognitoIdentityProviderClient(c));

    public IAmazonPinpointSMSVoiceV2 SmsVoice(string region) => Get("sms-voice", region, c => new AmazonPinpointSMSVoiceV2Client(c));

    public IAmazonServiceQuotas ServiceQuotas(string region) => Get("servicequotas", region, c => new AmazonServiceQuotasClient(c));

    public IAmazonAWSSupport Support() => Get("support", SupportRegion, c => new AmazonAWSSupportClient(c));

    public IAmazonSecurityTokenService Sts(string region) => Get("sts", region, c => new AmazonSecurityTokenServiceClient(c));

    // IAM is global; its endpoint is signed for us-east-1.
    public IAmazonIdentityManagementService Iam() => Get("iam", "us-east-1", c => new AmazonIdentityManagementServiceClient(c));

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _clients.Clear();
    }

    private T Get<T>(string service, string region, Func<AwsClientConfig, T> create)
        where T : IDisposable =>
        (T)_clients.GetOrAdd((service, region), _ => create(configForRegion(region)));
}
