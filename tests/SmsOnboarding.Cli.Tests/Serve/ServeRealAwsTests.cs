using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using SmsOnboarding.Aws.CognitoIdentityProvider;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Cli.Tests.Support;
using SmsOnboarding.Simulator;
using SmsOnboarding.Simulator.Hosting;
using SmsOnboarding.Simulator.Scenarios;

namespace SmsOnboarding.Cli.Tests.Serve;

/// <summary>
/// <c>serve --aws real</c> is proved against a stand-alone simulator that plays "real AWS": the child process finds it
/// only through the variables the official SDKs read (AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_REGION).
/// </summary>
public sealed class ServeRealAwsTests
{
    private const string PoolId = "us-east-1_Existing1";

    [Fact]
    public async Task Serve_with_aws_real_onboards_a_pool_through_the_endpoints_the_environment_names()
    {
        await using var aws = await SimulatorHost.StartAsync(new SimulatedAccount(ScenarioLoader.LoadFile(Scenario("production-with-origination.json"))));
        await using var serve = ServeProcess.Start(Environment(aws.BaseUri), "--aws", "real");
        await serve.WaitUntilServingAsync();
        Assert.Contains($"steps act on real AWS account {SimulatorCredentials.AccountId}", serve.Output, StringComparison.Ordinal);
        using var alice = serve.Client("demo-requester-alice");

        var plan = await alice.PostAsJsonAsync("/api/onboardings/validate", Request());
        var planSteps = (await plan.Content.ReadFromJsonAsync<JsonObject>())!["plan"]!["steps"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).ToList();
        var submitted = await alice.PostAsJsonAsync("/api/onboardings", Request());
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var status = await WaitForEndAsync(alice, id);
        var simulator = await alice.GetAsync("/sim/scenario");

        Assert.True(status == "completed", $"onboarding ended {status}\n{serve.Output}\n{serve.Error}");
        // The plan came from the account as read over the wire: out of the sandbox, origination present, quota enough.
        Assert.DoesNotContain("sandbox-exit", planSteps);
        Assert.DoesNotContain("origination", planSteps);
        Assert.Contains("finalize", planSteps);
        using var cognito = new AmazonCognitoIdentityProviderClient(new AwsClientConfig
        {
            Region = "us-east-1",
            ServiceUrl = aws.BaseUri,
            Credentials = new ImmutableCredentials(SimulatorCredentials.AccessKeyId, SimulatorCredentials.SecretAccessKey, null),
        });
        var pool = (await cognito.DescribeUserPoolAsync(new() { UserPoolId = PoolId })).UserPool!;
        Assert.Equal("us-east-1", pool.SmsConfiguration!.SnsRegion);
        Assert.EndsWith($"/sms-onboarding/sms-{PoolId}", pool.SmsConfiguration.SnsCallerArn, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, simulator.StatusCode);
    }

    [Fact]
    public async Task Serve_with_aws_real_and_no_credentials_stops_with_one_clear_line()
    {
        await using var serve = ServeProcess.Start(new Dictionary<string, string> { ["AWS_REGION"] = "us-east-1" }, "--aws", "real");

        var exit = await serve.WaitForExitAsync();

        Assert.Equal(2, exit);
        Assert.StartsWith("error: --aws real: No AWS credentials", serve.Error.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("serving on", serve.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_with_aws_real_and_rejected_credentials_names_what_sts_answered()
    {
        await using var aws = await SimulatorHost.StartAsync(new SimulatedAccount());
        var environment = new Dictionary<string, string>(Environment(aws.BaseUri)) { ["AWS_SECRET_ACCESS_KEY"] = "not-the-secret" };
        await using var serve = ServeProcess.Start(environment, "--aws", "real");

        var exit = await serve.WaitForExitAsync();

        Assert.Equal(2, exit);
        Assert.StartsWith("error: --aws real: STS GetCallerIdentity answered SignatureDoesNotMatch", serve.Error.Trim(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--clock", "skip", "--clock skip cannot be used with --aws real")]
    [InlineData("--scenario", "any.json", "--scenario shapes the simulated account")]
    public async Task Serve_with_aws_real_refuses_options_that_only_make_sense_with_the_simulator(string option, string value, string message)
    {
        var result = await CliRunner.RunAsync("serve", "--aws", "real", option, value, "--port", "0", "--data", Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Environment(Uri endpoint) => new()
    {
        ["AWS_ENDPOINT_URL"] = endpoint.ToString().TrimEnd('/'),
        ["AWS_ACCESS_KEY_ID"] = SimulatorCredentials.AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = SimulatorCredentials.SecretAccessKey,
        ["AWS_REGION"] = "us-east-1",
    };

    private static JsonObject Request()
    {
        var request = JsonNode.Parse(File.ReadAllText(CliRunner.Example()))!.AsObject();
        request["requestId"] = "real-aws-" + Guid.NewGuid().ToString("N");
        request["userPoolId"] = PoolId;
        request["sandboxNumbers"] = new JsonArray();
        return request;
    }

    private static async Task<string> WaitForEndAsync(HttpClient client, string id)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var status = "unknown";
        while (DateTime.UtcNow < deadline)
        {
            status = (await client.GetFromJsonAsync<JsonObject>($"/api/onboardings/{id}"))!["status"]!.GetValue<string>();
            if (status is "completed" or "failed" or "cancelled")
            {
                return status;
            }
            await Task.Delay(100);
        }
        return status;
    }

    private static string Scenario(string name) => RepositoryFiles.Path("services", "SmsOnboarding.Simulator", "scenarios", name);
}
