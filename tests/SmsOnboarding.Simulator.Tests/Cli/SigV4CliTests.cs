using System.Net;
using System.Text;
using SmsOnboarding.Simulator.Tests.Infrastructure;

namespace SmsOnboarding.Simulator.Tests.Cli;

/// <summary>Requests that are not signed with the simulator's credentials get AWS's authentication errors.</summary>
public sealed class SigV4CliTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task Unknown_access_key_is_rejected_per_protocol()
    {
        var cli = fixture.Sim.Cli;
        (await cli.RunWithKeysAsync("AKIAI44QH8DHBEXAMPLE", SimulatorCredentials.SecretAccessKey, "us-east-1", "sts", "get-caller-identity"))
            .FailedWith("InvalidClientTokenId");
        (await cli.RunWithKeysAsync("AKIAI44QH8DHBEXAMPLE", SimulatorCredentials.SecretAccessKey, "us-east-1", "cognito-idp", "describe-user-pool", "--user-pool-id", "us-east-1_abc"))
            .FailedWith("UnrecognizedClientException");
    }

    [Fact]
    public async Task Wrong_secret_key_is_a_signature_mismatch_per_protocol()
    {
        var cli = fixture.Sim.Cli;
        (await cli.RunWithKeysAsync(SimulatorCredentials.AccessKeyId, "not-the-secret", "us-east-1", "sns", "get-sms-sandbox-account-status"))
            .FailedWith("SignatureDoesNotMatch");
        (await cli.RunWithKeysAsync(SimulatorCredentials.AccessKeyId, "not-the-secret", "us-east-1", "support", "describe-services"))
            .FailedWith("InvalidSignatureException");
    }

    [Fact]
    public async Task Unsigned_requests_get_MissingAuthenticationToken()
    {
        using var http = new HttpClient { BaseAddress = fixture.Sim.BaseUri };
        using var query = new StringContent("Action=GetSMSSandboxAccountStatus&Version=2010-03-31", Encoding.UTF8, "application/x-www-form-urlencoded");
        var queryResponse = await http.PostAsync(new Uri("/", UriKind.Relative), query);
        Assert.Equal(HttpStatusCode.Forbidden, queryResponse.StatusCode);
        Assert.Contains("<Code>MissingAuthenticationToken</Code>", await queryResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var json = new StringContent("{}", Encoding.UTF8);
        json.Headers.ContentType = new("application/x-amz-json-1.1");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/", UriKind.Relative)) { Content = json };
        request.Headers.Add("X-Amz-Target", "AWSCognitoIdentityProviderService.DescribeUserPool");
        var jsonResponse = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, jsonResponse.StatusCode);
        Assert.Contains("\"__type\":\"MissingAuthenticationTokenException\"", await jsonResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
