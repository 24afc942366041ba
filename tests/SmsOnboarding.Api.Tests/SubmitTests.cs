using System.Text.Json.Nodes;
using SmsOnboarding.Api.Tests.Support;
using SmsOnboarding.Domain.Requests;

namespace SmsOnboarding.Api.Tests;

public sealed class SubmitTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Invalid_request_is_400_listing_every_problem_and_starts_nothing()
    {
        var request = ApiServer.Request();
        request["userPoolId"] = "nowhere";
        request["monthlySpendUsd"] = -5;
        request["websiteUrl"] = "ftp://x";
        request.Remove("useCase");
        var expected = OnboardingRequestValidator.Validate(request.DeepClone()).Problems;

        using var alice = _server.Client(ApiServer.Alice);
        var (status, body) = await ApiServer.SendAsync(alice, HttpMethod.Post, "api/onboardings", request);

        Assert.Equal(400, status);
        var fields = body!["problems"]!.AsArray().Select(p => (string)p!["field"]!).ToList();
        Assert.True(expected.Count >= 4);
        Assert.Equal(expected.Select(p => p.Field), fields);
        Assert.Equal(0, _server.Runtime.Starts);
    }

    [Fact]
    public async Task Dry_run_returns_problems_or_the_plan_from_observed_facts()
    {
        using var alice = _server.Client(ApiServer.Alice);
        var (status, body) = await ApiServer.SendAsync(alice, HttpMethod.Post, "api/onboardings/validate", ApiServer.Request());
        Assert.Equal(200, status);
        Assert.True((bool)body!["valid"]!);
        var steps = body["plan"]!["steps"]!.AsArray().Select(s => (string)s!["id"]!).ToList();
        // A new simulated account is in the sandbox: the plan says so instead of "check".
        Assert.Contains("sandbox-exit", steps);
        Assert.Contains("The account is in the SMS sandbox", body["plan"]!["steps"]!.AsArray().First(s => (string)s!["id"]! == "sandbox-exit")!["reason"]!.ToString(), StringComparison.Ordinal);

        var (dry, answer) = await ApiServer.SendAsync(alice, HttpMethod.Post, "api/onboardings?dryRun=true", new JsonObject());
        Assert.Equal(200, dry);
        Assert.False((bool)answer!["valid"]!);
        Assert.NotEmpty(answer["problems"]!.AsArray());
        Assert.Equal(0, _server.Runtime.Starts);
    }

    [Fact]
    public async Task Dry_run_of_a_pool_the_account_does_not_have_is_not_valid_and_names_the_pool()
    {
        using var alice = _server.Client(ApiServer.Alice);

        var (status, body) = await ApiServer.SendAsync(alice, HttpMethod.Post, "api/onboardings?dryRun=true", ApiServer.Request(pool: "us-east-1_Missing99"));

        Assert.Equal(200, status);
        Assert.False((bool)body!["valid"]!);
        var problem = body["problems"]!.AsArray().Single()!;
        Assert.Equal("userPoolNotFound", (string?)problem["code"]);
        Assert.Contains("us-east-1_Missing99", (string?)problem["message"], StringComparison.Ordinal);
        Assert.Null(body["plan"]);
    }

    [Fact]
    public async Task Same_request_id_and_body_returns_the_same_onboarding_and_starts_once()
    {
        var first = await _server.SubmitAsync(ApiServer.Request("dup-1"));
        var second = await _server.SubmitAsync(ApiServer.Request("dup-1"));
        Assert.Equal(first, second);
        Assert.Equal(1, _server.Runtime.Starts);
    }

    [Fact]
    public async Task Same_request_id_with_a_different_body_is_409()
    {
        await _server.SubmitAsync(ApiServer.Request("dup-2"));
        var changed = ApiServer.Request("dup-2");
        changed["monthlySpendUsd"] = 999;
        using var alice = _server.Client(ApiServer.Alice);
        var (status, body) = await ApiServer.SendAsync(alice, HttpMethod.Post, "api/onboardings", changed);
        Assert.Equal(409, status);
        Assert.Equal("requestIdConflict", (string?)body!["error"]);
        Assert.Equal(1, _server.Runtime.Starts);
    }

    [Fact]
    public async Task Submit_answers_202_with_id_and_status_and_starts_the_execution_named_by_the_id()
    {
        using var alice = _server.Client(ApiServer.Alice);
        var (status, body) = await ApiServer.SendAsync(alice, HttpMethod.Post, "api/onboardings", ApiServer.Request("fresh-1"));
        Assert.Equal(202, status);
        Assert.Equal("running", (string?)body!["status"]);
        var id = (string)body["id"]!;
        var execution = _server.Runtime.Get(id);
        Assert.Equal("us-east-1_Checkout1", (string?)JsonNode.Parse(execution.Input)!["userPoolId"]);
        Assert.Equal("+12065550101", (string?)JsonNode.Parse(execution.Input)!["sandboxNumbers"]![0]);
    }
}
