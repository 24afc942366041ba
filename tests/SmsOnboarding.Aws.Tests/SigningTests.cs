using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Aws.Tests.Support;

namespace SmsOnboarding.Aws.Tests;

/// <summary>SigV4 as received by a loopback server: credential scope per service and a signature that verifies.</summary>
public sealed partial class SigningTests : IAsyncLifetime
{
    private readonly LoopbackServer _server = new(ctx =>
        ctx.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) == true
            ? LoopbackServer.Respond(ctx, 200, "<R><X/></R>", "text/xml")
            : LoopbackServer.Respond(ctx, 200, "{}"));

    public static TheoryData<string, string, string> Scopes() => new()
    {
        { "SimpleNotificationService", "eu-west-1", "eu-west-1/sns" },
        { "CognitoIdentityProvider", "eu-west-1", "eu-west-1/cognito-idp" },
        { "AWSSupport", "eu-west-1", "us-east-1/support" },
        { "ServiceQuotas", "eu-west-1", "eu-west-1/servicequotas" },
        { "PinpointSMSVoiceV2", "eu-west-1", "eu-west-1/sms-voice" },
        { "SecurityToken", "eu-west-1", "eu-west-1/sts" },
        { "IdentityManagement", "eu-west-1", "us-east-1/iam" },
        { "AWSSupport", "cn-north-1", "cn-north-1/support" },
        { "StepFunctions", "ap-south-1", "ap-south-1/states" },
    };

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task Request_is_signed_with_the_service_signing_name_and_region(string folder, string region, string scope)
    {
        var entry = ClientEntry.All.Single(e => e.Folder == folder);
        using var client = entry.Create(new AwsClientConfig
        {
            Region = region,
            ServiceUrl = _server.Url,
            Credentials = ClientEntry.TestCredentials,
            EnvironmentVariable = _ => null,
        });
        var op = entry.Operations.First();
        var request = ObjectDocuments.ToObject(entry.RequestType(op),
            System.Text.Json.Nodes.JsonNode.Parse(ModelDocuments.Example(entry.Model, entry.Model.InputShape(op)!, requiredOnly: true).ToJsonString())!);

        await ClientEntry.InvokeAsync(client, op, request);

        var sent = Assert.Single(_server.Requests);
        var auth = Authorization().Match(sent.Header("Authorization") ?? string.Empty);
        Assert.True(auth.Success, sent.Header("Authorization"));
        var amzDate = sent.Header("X-Amz-Date")!;
        Assert.Equal($"AKIAIOSFODNN7EXAMPLE/{amzDate[..8]}/{scope}/aws4_request", auth.Groups["credential"].Value);
        Assert.Equal(Hex(SHA256.HashData(Encoding.UTF8.GetBytes(sent.Body))), sent.Header("x-amz-content-sha256"));
        Assert.Equal(ExpectedSignature(sent, auth.Groups["credential"].Value, auth.Groups["signed"].Value, amzDate), auth.Groups["signature"].Value);
    }

    [Fact]
    public async Task Without_explicit_credentials_the_sdk_default_chain_reads_the_environment()
    {
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIADEFAULTCHAINTEST");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "defaultChainSecretForTests0000000000000");
        try
        {
            using var sts = new SecurityToken.AmazonSecurityTokenServiceClient(new AwsClientConfig
            {
                Region = "us-west-2",
                ServiceUrl = _server.Url,
                EnvironmentVariable = _ => null,
            });

            await sts.GetCallerIdentityAsync(new SecurityToken.Model.GetCallerIdentityRequest());

            Assert.Contains("Credential=AKIADEFAULTCHAINTEST/", Assert.Single(_server.Requests).Header("Authorization"), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", null);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", null);
        }
    }

    /// <summary>Independent SigV4 computation over what the server received.</summary>
    private static string ExpectedSignature(CapturedRequest sent, string credential, string signedHeaders, string amzDate)
    {
        var headerNames = signedHeaders.Split(';');
        var canonicalHeaders = string.Concat(headerNames.Select(h => $"{h}:{Regex.Replace(sent.Header(h)!.Trim(), @"\s+", " ")}\n"));
        var canonicalRequest = string.Join('\n',
            sent.Method, sent.Uri.AbsolutePath, sent.Uri.Query.TrimStart('?'), canonicalHeaders, signedHeaders,
            sent.Header("x-amz-content-sha256"));
        var scope = credential[(credential.IndexOf('/', StringComparison.Ordinal) + 1)..];
        var stringToSign = string.Join('\n', "AWS4-HMAC-SHA256", amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var parts = scope.Split('/');
        var key = Encoding.UTF8.GetBytes("AWS4" + ClientEntry.TestCredentials.SecretKey);
        foreach (var part in parts)
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }
        return Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLower(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<credential>[^,]+), ?SignedHeaders=(?<signed>[^,]+), ?Signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex Authorization();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();
}
