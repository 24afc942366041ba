using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Api.Tests.Support;

namespace SmsOnboarding.Api.Tests;

/// <summary>One onboarding per pool at a time: a second one would race the first for the same role and settings.</summary>
public sealed class PoolBusyTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_second_request_for_a_pool_in_progress_is_409_naming_the_active_onboarding_and_starts_nothing()
    {
        var active = await _server.SubmitAsync(ApiServer.Request("first"));
        using var alice = _server.Client(ApiServer.Alice);

        var (status, body) = await ApiServer.SendAsync(alice, HttpMethod.Post, "api/onboardings", ApiServer.Request("second"));

        Assert.Equal(409, status);
        Assert.Equal("poolBusy", (string?)body!["error"]);
        Assert.Contains(active, (string?)body["message"], StringComparison.Ordinal);
        Assert.Contains("us-east-1_Checkout1", (string?)body["message"], StringComparison.Ordinal);
        Assert.Equal(1, _server.Runtime.Starts);
    }

    [Fact]
    public async Task Concurrent_requests_for_one_pool_start_exactly_one_onboarding()
    {
        using var alice = _server.Client(ApiServer.Alice);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            ApiServer.SendAsync(alice, HttpMethod.Post, "api/onboardings", ApiServer.Request($"race-{i}"))));

        Assert.Single(answers, a => a.Status == 202);
        Assert.All(answers.Where(a => a.Status != 202), a => Assert.Equal(409, a.Status));
        Assert.Equal(1, _server.Runtime.Starts);
    }

    [Fact]
    public async Task Another_pool_is_not_held_and_a_finished_pool_can_be_onboarded_again()
    {
        var first = await _server.SubmitAsync(ApiServer.Request("checkout"));
        await _server.SubmitAsync(ApiServer.Request("billing", pool: "us-east-1_Billing1"));
        _server.Runtime.Get(first).Finish(ExecutionState.Succeeded, _server.Time.GetUtcNow(), null, null);

        var again = await _server.SubmitAsync(ApiServer.Request("checkout-again"));

        Assert.NotEqual(first, again);
        Assert.Equal(3, _server.Runtime.Starts);
    }

    [Fact]
    public async Task A_failed_onboarding_is_not_redriven_while_a_newer_one_holds_its_pool()
    {
        var failed = await _server.SubmitAsync(ApiServer.Request("will-fail"));
        _server.Runtime.Get(failed).Finish(ExecutionState.Failed, _server.Time.GetUtcNow(), "States.TaskFailed", "boom");
        var newer = await _server.SubmitAsync(ApiServer.Request("newer"));
        using var olivia = _server.Client(ApiServer.Olivia);

        var (status, body) = await ApiServer.SendAsync(olivia, HttpMethod.Post, $"api/onboardings/{failed}/redrive");

        Assert.Equal(409, status);
        Assert.Equal("poolBusy", (string?)body!["error"]);
        Assert.Contains(newer, (string?)body["message"], StringComparison.Ordinal);
        Assert.Equal(ExecutionState.Failed, _server.Runtime.Get(failed).State);
        var (_, detail) = await ApiServer.SendAsync(olivia, HttpMethod.Get, $"api/onboardings/{failed}");
        Assert.Equal("failed", (string?)detail!["status"]);
    }
}
