using System.Text.Json.Nodes;
using SmsOnboarding.Api.Tests.Support;

namespace SmsOnboarding.Api.Tests;

public sealed class AwsEndpointTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Aws_cli_reaches_the_simulated_sns_through_the_serve_port()
    {
        var (code, stdout, stderr) = await AwsCli.RunAsync(_server.Host.BaseUri, "sns", "get-sms-sandbox-account-status");
        Assert.True(code == 0, stderr);
        Assert.True((bool)JsonNode.Parse(stdout)!["IsInSandbox"]!);
    }

    [Fact]
    public async Task Aws_cli_stepfunctions_calls_are_routed_to_the_engine_endpoint()
    {
        var (code, stdout, stderr) = await AwsCli.RunAsync(_server.Host.BaseUri, "stepfunctions", "list-executions",
            "--state-machine-arn", "arn:aws:states:us-east-1:111122223333:stateMachine:sms-onboarding");
        Assert.True(code == 0, stderr);
        Assert.Empty(JsonNode.Parse(stdout)!["executions"]!.AsArray());
        Assert.Equal(["AWSStepFunctions.ListExecutions"], _server.StepFunctionsCalls);
    }

    [Fact]
    public async Task Step_functions_calls_with_a_wrong_secret_are_refused_before_the_engine()
    {
        using var client = new HttpClient { BaseAddress = _server.Host.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("{}") };
        request.Headers.TryAddWithoutValidation("Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261102/us-east-1/states/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=00");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        using var response = await client.SendAsync(request);
        Assert.Equal(403, (int)response.StatusCode);
        Assert.Empty(_server.StepFunctionsCalls);
    }

    [Fact]
    public async Task Health_and_openapi_document_are_served()
    {
        using var client = new HttpClient { BaseAddress = _server.Host.BaseUri };
        Assert.Equal("ok", (string?)JsonNode.Parse(await client.GetStringAsync("healthz"))!["status"]);
        var openapi = JsonNode.Parse(await client.GetStringAsync("openapi/v1.json"))!;
        var paths = openapi["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/onboardings", paths);
        Assert.Contains("/api/onboardings/{id}/redrive", paths);
        Assert.Contains("/api/tasks/{id}/complete", paths);
        Assert.Contains("/sim/clock/advance", paths);
    }
}

public sealed class WebUiTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("ui/", "text/html", "request-form")]
    [InlineData("ui/app.js", "text/javascript", "./views/new.js")]
    [InlineData("ui/app.css", "text/css", ".state.current")]
    public async Task Web_ui_is_served_from_the_assembly(string path, string type, string expected)
    {
        using var client = new HttpClient { BaseAddress = _server.Host.BaseUri };
        using var response = await client.GetAsync(path);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.StartsWith(type, response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains(path == "ui/" ? "/ui/app.js" : expected, text, StringComparison.Ordinal);
    }
}
