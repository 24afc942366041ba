using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Api.Tests.Support;

namespace SmsOnboarding.Api.Tests;

public sealed class OnboardingQueryTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task List_filters_by_team_pool_and_status_and_pages_newest_first()
    {
        var a = await _server.SubmitAsync(ApiServer.Request("r-a", team: "checkout", pool: "us-east-1_Aaaa1"));
        _server.Time.Advance(TimeSpan.FromMinutes(1));
        var b = await _server.SubmitAsync(ApiServer.Request("r-b", team: "payments", pool: "us-east-1_Bbbb1"));
        _server.Time.Advance(TimeSpan.FromMinutes(1));
        var c = await _server.SubmitAsync(ApiServer.Request("r-c", team: "checkout", pool: "eu-west-1_Cccc1"));
        _server.Runtime.Get(c).Finish(ExecutionState.Succeeded, _server.Time.GetUtcNow(), null, null);

        using var ops = _server.Client(ApiServer.Olivia);
        Assert.Equal([c, a], await Ids(ops, "api/onboardings?team=checkout"));
        Assert.Equal([b], await Ids(ops, "api/onboardings?pool=us-east-1_Bbbb1"));
        Assert.Equal([c], await Ids(ops, "api/onboardings?status=completed"));
        Assert.Equal([b, a], await Ids(ops, "api/onboardings?status=running"));
        var (_, first) = await ApiServer.SendAsync(ops, HttpMethod.Get, "api/onboardings?limit=2");
        Assert.Equal([c, b], first!["items"]!.AsArray().Select(i => (string)i!["id"]!));
        var cursor = (string)first["nextCursor"]!;
        Assert.Equal([a], await Ids(ops, "api/onboardings?limit=2&cursor=" + Uri.EscapeDataString(cursor)));
        var (_, last) = await ApiServer.SendAsync(ops, HttpMethod.Get, "api/onboardings?limit=2&cursor=" + Uri.EscapeDataString(cursor));
        Assert.Null(last!["nextCursor"]);
        var (badCursor, _) = await ApiServer.SendAsync(ops, HttpMethod.Get, "api/onboardings?cursor=not-a-cursor%21");
        Assert.Equal(400, badCursor);

        var (status, body) = await ApiServer.SendAsync(ops, HttpMethod.Get, "api/onboardings?status=sleeping");
        Assert.Equal(400, status);
        Assert.Contains("waitingOnPeople", (string?)body!["message"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Code.Ask", "Task", "waitingOnPeople")]
    [InlineData("Sandbox.WaitForReview", "Wait", "waitingOnAws")]
    [InlineData("Spend.CheckCase", "Task", "waitingOnAws")]
    [InlineData("Finalize", "Task", "finalizing")]
    [InlineData("EnsureSmsRole", "Task", "running")]
    public async Task Status_follows_the_current_state_of_the_execution(string state, string type, string expected)
    {
        var id = await _server.SubmitAsync(ApiServer.Request());
        var execution = _server.Runtime.Get(id);
        var at = _server.Time.GetUtcNow();
        execution.Enter("Start", "Pass", at);
        execution.Exit("Start", "Pass", at);
        if (state != "Finalize" && state != "EnsureSmsRole")
        {
            execution.Enter("Prepare", "Parallel", at);
        }
        execution.Enter(state, type, at);

        using var alice = _server.Client(ApiServer.Alice);
        var (status, body) = await ApiServer.SendAsync(alice, HttpMethod.Get, $"api/onboardings/{id}");
        Assert.Equal(200, status);
        Assert.Equal(expected, (string?)body!["status"]);
        Assert.Equal(state, (string?)body["currentStep"]);
        Assert.Equal(execution.Arn, (string?)body["executionArn"]);
        Assert.NotEmpty(body["plan"]!["steps"]!.AsArray());
        var timeline = body["timeline"]!.AsArray();
        Assert.Equal("succeeded", (string?)timeline[0]!["outcome"]);
        Assert.Equal("running", (string?)timeline[^1]!["outcome"]);
    }

    [Fact]
    public async Task Failed_execution_shows_failed_with_its_cause_and_history_is_raw_events()
    {
        var id = await _server.SubmitAsync(ApiServer.Request());
        _server.Runtime.Get(id).Finish(ExecutionState.Failed, _server.Time.GetUtcNow(), "SandboxExitDenied", "AWS declined production access");
        using var alice = _server.Client(ApiServer.Alice);
        var (_, body) = await ApiServer.SendAsync(alice, HttpMethod.Get, $"api/onboardings/{id}");
        Assert.Equal("failed", (string?)body!["status"]);
        Assert.Equal("SandboxExitDenied", (string?)body["failure"]!["error"]);

        var (_, history) = await ApiServer.SendAsync(alice, HttpMethod.Get, $"api/onboardings/{id}/history");
        Assert.Equal(["ExecutionStarted", "ExecutionFailed"], history!["events"]!.AsArray().Select(e => (string)e!["type"]!));

        using var ops = _server.Client(ApiServer.Olivia);
        var (_, dashboard) = await ApiServer.SendAsync(ops, HttpMethod.Get, "api/dashboard");
        Assert.Equal(1, (int)dashboard!["counts"]!["failed"]!);
        Assert.Contains("AWS declined", (string?)dashboard["failures"]![0]!["cause"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_lists_onboardings_stuck_in_one_state_longer_than_the_threshold()
    {
        var id = await _server.SubmitAsync(ApiServer.Request());
        _server.Runtime.Get(id).Enter("Sandbox.WaitForReview", "Wait", _server.Time.GetUtcNow());
        using var ops = _server.Client(ApiServer.Olivia);
        var (_, fresh) = await ApiServer.SendAsync(ops, HttpMethod.Get, "api/dashboard?stuckMinutes=60");
        Assert.Empty(fresh!["stuck"]!.AsArray());

        _server.Time.Advance(TimeSpan.FromMinutes(61));
        var (_, later) = await ApiServer.SendAsync(ops, HttpMethod.Get, "api/dashboard?stuckMinutes=60");
        Assert.Equal(id, (string?)later!["stuck"]![0]!["id"]);
        Assert.Equal("Sandbox.WaitForReview", (string?)later["stuck"]![0]!["state"]);
    }

    [Fact]
    public async Task Requester_cancels_their_running_onboarding_once()
    {
        var id = await _server.SubmitAsync(ApiServer.Request());
        using var alice = _server.Client(ApiServer.Alice);
        var (status, body) = await ApiServer.SendAsync(alice, HttpMethod.Post, $"api/onboardings/{id}/cancel");
        Assert.Equal(200, status);
        Assert.Equal("cancelled", (string?)body!["status"]);
        Assert.Equal(ExecutionState.Aborted, _server.Runtime.Get(id).State);

        var (again, _) = await ApiServer.SendAsync(alice, HttpMethod.Post, $"api/onboardings/{id}/cancel");
        Assert.Equal(409, again);
        var (_, shown) = await ApiServer.SendAsync(alice, HttpMethod.Get, $"api/onboardings/{id}");
        Assert.Equal("cancelled", (string?)shown!["status"]);
    }

    private static async Task<List<string>> Ids(HttpClient client, string path)
    {
        var (status, body) = await ApiServer.SendAsync(client, HttpMethod.Get, path);
        Assert.Equal(200, status);
        return body!["items"]!.AsArray().Select(i => (string)i!["id"]!).ToList();
    }
}
