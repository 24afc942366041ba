using System.Text.Json.Nodes;
using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Api.Tests.Support;
using SmsOnboarding.Domain.Lifecycle;
using SmsOnboarding.Domain.Planning;
using SmsOnboarding.Serve.Deployment;

namespace SmsOnboarding.Api.Tests;

public sealed class StatusFromEventsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly WorkflowMap Map = WorkflowMap.Parse(LocalDeployment.Definition());
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void Events_already_folded_in_change_nothing_when_they_come_again()
    {
        var start = new OnboardingProgress(OnboardingStatus.Submitted, [], null, 0);
        var once = start.Apply([Started(1), Entered(2, "Code.Ask")], Map)!;

        var again = once.Apply([Started(1), Entered(2, "Code.Ask")], Map);

        Assert.Same(once, again);
        Assert.Equal(OnboardingStatus.WaitingOnPeople, once.Status);
        Assert.Equal(2, once.Version);
        Assert.Equal("Code.Ask", once.CurrentStep(Map));
    }

    [Fact]
    public void A_gap_in_the_event_ids_asks_for_the_whole_history()
    {
        var progress = new OnboardingProgress(OnboardingStatus.Running, [], null, 3);

        Assert.Null(progress.Apply([Entered(5, "Code.Ask")], Map));
    }

    [Fact]
    public void Status_moves_only_as_the_lifecycle_permits_even_when_events_say_otherwise()
    {
        var completed = new OnboardingProgress(OnboardingStatus.Completed, [], null, 9);

        var after = completed.Apply([Entered(10, "Code.Ask")], Map)!;

        Assert.Equal(OnboardingStatus.Completed, after.Status);
        Assert.Equal(10, after.Version);
    }

    [Fact]
    public void A_failed_run_keeps_its_cause_and_a_redrive_runs_it_again()
    {
        var failed = new OnboardingProgress(OnboardingStatus.Running, [new("Sandbox.CheckCase", At)], null, 4)
            .Apply([Event(5, "ExecutionFailed", details: new JsonObject { ["executionFailedEventDetails"] = new JsonObject { ["error"] = "SandboxExitDenied", ["cause"] = "declined" } })], Map)!;
        Assert.Equal(OnboardingStatus.Failed, failed.Status);
        Assert.Equal("SandboxExitDenied: declined", failed.Failure);
        Assert.Empty(failed.OpenStates);

        var redriven = failed.Apply([Event(6, "ExecutionRedriven"), Entered(7, "Sandbox.CheckCase")], Map)!;
        Assert.Equal(OnboardingStatus.WaitingOnAws, redriven.Status);
        Assert.Null(redriven.Failure);
    }

    [Fact]
    public async Task The_store_refuses_a_late_or_repeated_version()
    {
        var store = new SqliteOnboardingStore(Path.Combine(Path.GetTempPath(), "status-store-" + Guid.NewGuid().ToString("N"), "onboardings.db"));
        var (record, _) = await store.AddAsync(Record("onb-versions"), CancellationToken.None);
        var newer = new OnboardingProgress(OnboardingStatus.WaitingOnAws, [new("Sandbox.CheckCase", At)], null, 7);
        var late = new OnboardingProgress(OnboardingStatus.Running, [new("EnsureSmsRole", At)], null, 5);

        Assert.True(await store.ApplyProgressAsync(record.Id, OnboardingStatus.Submitted, newer, At, CancellationToken.None));
        Assert.False(await store.ApplyProgressAsync(record.Id, OnboardingStatus.WaitingOnAws, late, At, CancellationToken.None));
        Assert.False(await store.ApplyProgressAsync(record.Id, OnboardingStatus.WaitingOnAws, newer, At, CancellationToken.None));
        Assert.False(await store.ApplyProgressAsync(record.Id, OnboardingStatus.Running, newer with { Version = 8 }, At, CancellationToken.None));

        var stored = (await store.GetAsync(record.Id, CancellationToken.None))!;
        Assert.Equal(OnboardingStatus.WaitingOnAws, stored.Status);
        Assert.Equal(7, stored.Version);
        Assert.Equal(["Sandbox.CheckCase"], stored.OpenStates!.Select(s => s.Name));
    }

    [Fact]
    public async Task An_event_after_a_lost_one_is_reconciled_from_the_history()
    {
        var id = await _server.SubmitAsync(ApiServer.Request());
        var execution = _server.Runtime.Get(id);
        var at = _server.Time.GetUtcNow();
        execution.AddUnpublished("PassStateEntered", "Start", at);
        execution.AddUnpublished("PassStateExited", "Start", at);
        execution.Enter("Code.Ask", "Task", at);

        using var alice = _server.Client(ApiServer.Alice);
        var (_, body) = await ApiServer.SendAsync(alice, HttpMethod.Get, $"api/onboardings/{id}");

        Assert.Equal("waitingOnPeople", (string?)body!["status"]);
        Assert.Equal("Code.Ask", (string?)body["currentStep"]);
        Assert.Equal(["Code.Ask"], body["currentStates"]!.AsArray().Select(s => (string)s!));
    }

    [Fact]
    public async Task List_and_detail_read_the_store_without_asking_the_runtime()
    {
        var id = await _server.SubmitAsync(ApiServer.Request());
        _server.Runtime.Get(id).Enter("Sandbox.WaitForReview", "Wait", _server.Time.GetUtcNow());
        using var alice = _server.Client(ApiServer.Alice);
        await ApiServer.SendAsync(alice, HttpMethod.Get, "api/onboardings");
        var before = _server.Runtime.Calls;

        var (_, page) = await ApiServer.SendAsync(alice, HttpMethod.Get, "api/onboardings");

        Assert.Equal(before, _server.Runtime.Calls);
        Assert.Equal("waitingOnAws", (string?)page!["items"]![0]!["status"]);
        Assert.Equal("Sandbox.WaitForReview", (string?)page["items"]![0]!["currentStep"]);
    }

    private static ExecutionEvent Started(long id) => Event(id, "ExecutionStarted");

    private static ExecutionEvent Entered(long id, string state) => Event(id, "TaskStateEntered", state);

    private static ExecutionEvent Event(long id, string type, string? state = null, JsonObject? details = null) => new(id, At, type, state, details);

    private static OnboardingRecord Record(string id) => new(
        id, null, "alice", ["bob"], "checkout", "us-east-1_Checkout1", OnboardingStatus.Submitted, null,
        new OnboardingPlan("us-east-1", []), "{}", At, At);
}
