using SmsOnboarding.Aws.Runtime;

namespace SmsOnboarding.Aws.Tests;

public sealed class EndpointResolverTests
{
    private static ResolvedEndpoint Resolve(AwsService service, string? region, Dictionary<string, string>? env = null, Uri? serviceUrl = null) =>
        EndpointResolver.Resolve(service, new AwsClientConfig
        {
            Region = region,
            ServiceUrl = serviceUrl,
            EnvironmentVariable = name => env?.GetValueOrDefault(name),
        });

    [Fact]
    public void Regional_services_use_the_region_in_host_and_scope()
    {
        var e = Resolve(AwsService.CognitoIdentityProvider, "eu-central-1");

        Assert.Equal(new Uri("https://cognito-idp.eu-central-1.amazonaws.com"), e.Url);
        Assert.Equal(("eu-central-1", "cognito-idp"), (e.SigningRegion, e.SigningName));
        Assert.Equal("https://sms-voice.ap-southeast-2.amazonaws.com/", Resolve(AwsService.PinpointSmsVoiceV2, "ap-southeast-2").Url.ToString());
        Assert.Equal("states", Resolve(AwsService.StepFunctions, "us-west-2").SigningName);
    }

    [Fact]
    public void Support_always_goes_to_us_east_1_in_the_aws_partition()
    {
        var e = Resolve(AwsService.Support, "ap-northeast-1");

        Assert.Equal(new Uri("https://support.us-east-1.amazonaws.com"), e.Url);
        Assert.Equal("us-east-1", e.SigningRegion);
        Assert.Equal(new Uri("https://support.cn-north-1.amazonaws.com.cn"), Resolve(AwsService.Support, "cn-northwest-1").Url);
    }

    [Fact]
    public void Iam_is_global_and_signed_for_us_east_1()
    {
        var e = Resolve(AwsService.Iam, "eu-west-3");

        Assert.Equal(new Uri("https://iam.amazonaws.com"), e.Url);
        Assert.Equal(("us-east-1", "iam"), (e.SigningRegion, e.SigningName));
    }

    [Fact]
    public void Service_specific_endpoint_variable_wins_over_the_general_one()
    {
        var env = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:4000",
            ["AWS_ENDPOINT_URL_PINPOINT_SMS_VOICE_V2"] = "http://127.0.0.1:5000",
        };

        Assert.Equal(new Uri("http://127.0.0.1:5000"), Resolve(AwsService.PinpointSmsVoiceV2, "us-east-1", env).Url);
        Assert.Equal(new Uri("http://127.0.0.1:4000"), Resolve(AwsService.Sns, "us-east-1", env).Url);
    }

    [Theory]
    [InlineData("SNS", "sns")]
    [InlineData("SFN", "states")]
    [InlineData("COGNITO_IDENTITY_PROVIDER", "cognito-idp")]
    [InlineData("SUPPORT", "support")]
    [InlineData("SERVICE_QUOTAS", "servicequotas")]
    [InlineData("PINPOINT_SMS_VOICE_V2", "sms-voice")]
    [InlineData("STS", "sts")]
    [InlineData("IAM", "iam")]
    public void Each_service_honours_its_endpoint_variable(string id, string endpointPrefix)
    {
        var service = new[] { AwsService.Sns, AwsService.StepFunctions, AwsService.CognitoIdentityProvider, AwsService.Support,
            AwsService.ServiceQuotas, AwsService.PinpointSmsVoiceV2, AwsService.Sts, AwsService.Iam }.Single(s => s.EndpointPrefix == endpointPrefix);
        var env = new Dictionary<string, string> { [$"AWS_ENDPOINT_URL_{id}"] = "http://localhost:9999" };

        Assert.Equal(new Uri("http://localhost:9999"), Resolve(service, "us-east-1", env).Url);
    }

    [Fact]
    public void Explicit_service_url_wins_over_environment_and_ignoring_configured_endpoints_restores_the_default()
    {
        var env = new Dictionary<string, string> { ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:4000" };

        Assert.Equal(new Uri("http://10.0.0.1:1"), Resolve(AwsService.Sts, "us-east-1", env, new Uri("http://10.0.0.1:1")).Url);
        env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true";
        Assert.Equal(new Uri("https://sts.us-east-1.amazonaws.com"), Resolve(AwsService.Sts, "us-east-1", env).Url);
    }

    [Fact]
    public void Region_comes_from_AWS_REGION_then_AWS_DEFAULT_REGION_and_its_absence_is_a_clear_error()
    {
        Assert.Equal("sa-east-1", Resolve(AwsService.Sns, null, new() { ["AWS_REGION"] = "sa-east-1", ["AWS_DEFAULT_REGION"] = "eu-west-1" }).SigningRegion);
        Assert.Equal("eu-west-1", Resolve(AwsService.Sns, null, new() { ["AWS_DEFAULT_REGION"] = "eu-west-1" }).SigningRegion);
        var error = Assert.Throws<InvalidOperationException>(() => Resolve(AwsService.Sns, null));
        Assert.Contains("AWS_REGION", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_copies_per_region_and_never_prints_credentials()
    {
        var template = new AwsClientConfig { Region = "us-east-1", Credentials = Support.ClientEntry.TestCredentials, EnvironmentVariable = _ => null };

        var copy = template with { Region = "eu-west-1" };

        Assert.Equal("eu-west-1/sns", $"{EndpointResolver.Resolve(AwsService.Sns, copy).SigningRegion}/sns");
        Assert.Same(template.Credentials, copy.Credentials);
        Assert.DoesNotContain("EXAMPLEKEY", copy.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("AKIA", copy.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_endpoint_variable_is_rejected_with_its_name()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            Resolve(AwsService.Sns, "us-east-1", new() { ["AWS_ENDPOINT_URL_SNS"] = "localhost:4566" }));

        Assert.Contains("AWS_ENDPOINT_URL_SNS", error.Message, StringComparison.Ordinal);
    }
}
