using System.Text.Json.Nodes;
using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Api.Tests.Support;

namespace SmsOnboarding.Api.Tests;

/// <summary>What the detail says once the execution has stopped: where it failed, and what it produced.</summary>
public sealed class OnboardingDetailTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_failed_execution_sits_in_no_state_and_the_state_it_failed_in_is_marked_failed()
    {
        var id = await _server.SubmitAsync(ApiServer.Request());
        var execution = _server.Runtime.Get(id);
        var at = _server.Time.GetUtcNow();
        execution.Enter("Finalize", "Task", at);
        execution.Finish(ExecutionState.Failed, at.AddSeconds(5), "InvalidSmsRoleTrustRelationshipException", "Role cannot be assumed");

        using var alice = _server.Client(ApiServer.Alice);
        var (_, body) = await ApiServer.SendAsync(alice, HttpMethod.Get, $"api/onboardings/{id}");
        Assert.Equal("failed", (string?)body!["status"]);
        Assert.Null((string?)body["currentStep"]);
        Assert.Empty(body["currentStates"]!.AsArray());
        var last = body["timeline"]!.AsArray()[^1]!;
        Assert.Equal("Finalize", (string?)last["state"]);
        Assert.Equal("failed", (string?)last["outcome"]);
        Assert.Null(body["result"]);
    }

    [Fact]
    public async Task A_succeeded_execution_gives_its_output_as_the_result()
    {
        var id = await _server.SubmitAsync(ApiServer.Request());
        var output = new JsonObject
        {
            ["userPoolId"] = "us-east-1_Checkout1",
            ["snsRegion"] = "us-east-1",
            ["snsCallerArn"] = "arn:aws:iam::111122223333:role/sms-onboarding/sms-us-east-1_Checkout1",
            ["origination"] = new JsonObject { ["action"] = "reuse", ["phoneNumber"] = "+18885550100" },
            ["testMessage"] = new JsonObject { ["sent"] = true, ["to"] = "+1******0101", ["messageId"] = "m-1" },
        };
        _server.Runtime.Get(id).Finish(ExecutionState.Succeeded, _server.Time.GetUtcNow(), null, null, output.ToJsonString());

        using var alice = _server.Client(ApiServer.Alice);
        var (_, body) = await ApiServer.SendAsync(alice, HttpMethod.Get, $"api/onboardings/{id}");
        Assert.Equal("completed", (string?)body!["status"]);
        Assert.True(JsonNode.DeepEquals(output, body["result"]), body["result"]?.ToJsonString());
    }
}
