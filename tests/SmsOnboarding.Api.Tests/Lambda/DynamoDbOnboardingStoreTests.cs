using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using SmsOnboarding.Api.Aws;
using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Domain.Lifecycle;
using SmsOnboarding.Domain.Planning;
using SmsOnboarding.Steps.Storage.DynamoDb;
using SmsOnboarding.Testing;

namespace SmsOnboarding.Api.Tests.Lambda;

/// <summary>
/// The store's conditional writes on DynamoDB's wire (moto_server): the condition expressions are only proven by a
/// server that evaluates them, not by the SQLite store's SQL.
/// </summary>
[Collection(AwsBackendsCollection.Name)]
public sealed class DynamoDbOnboardingStoreTests(AwsBackends aws) : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly OnboardingProgress WaitingOnAwsAt7 = new(OnboardingStatus.WaitingOnAws, [new("Sandbox.CheckCase", At)], null, 7);
    private readonly IAmazonDynamoDB _client = aws.DynamoDb();

    [MotoFact]
    public async Task A_newer_version_applies_and_a_repeated_or_older_one_changes_nothing()
    {
        var store = await StoreAsync();
        await store.AddAsync(Record("onb-dyn-versions"), CancellationToken.None);
        var older = new OnboardingProgress(OnboardingStatus.Running, [new("EnsureSmsRole", At)], null, 5);

        Assert.True(await store.ApplyProgressAsync("onb-dyn-versions", OnboardingStatus.Submitted, WaitingOnAwsAt7, At.AddMinutes(1), CancellationToken.None));
        Assert.False(await store.ApplyProgressAsync("onb-dyn-versions", OnboardingStatus.WaitingOnAws, WaitingOnAwsAt7, At.AddMinutes(2), CancellationToken.None));
        Assert.False(await store.ApplyProgressAsync("onb-dyn-versions", OnboardingStatus.WaitingOnAws, older, At.AddMinutes(3), CancellationToken.None));

        var stored = (await store.GetAsync("onb-dyn-versions", CancellationToken.None))!;
        Assert.Equal(OnboardingStatus.WaitingOnAws, stored.Status);
        Assert.Equal(7, stored.Version);
        Assert.Equal(["Sandbox.CheckCase"], stored.OpenStates!.Select(s => s.Name));
        Assert.Equal(At.AddMinutes(1), stored.UpdatedAt);
    }

    [MotoFact]
    public async Task A_newer_version_is_refused_when_the_status_it_was_decided_from_has_changed()
    {
        var store = await StoreAsync();
        await store.AddAsync(Record("onb-dyn-race"), CancellationToken.None);
        Assert.True(await store.TransitionAsync("onb-dyn-race", OnboardingStatus.Submitted, OnboardingStatus.Cancelled, null, At, CancellationToken.None));

        Assert.False(await store.ApplyProgressAsync("onb-dyn-race", OnboardingStatus.Submitted, WaitingOnAwsAt7, At, CancellationToken.None));

        var stored = (await store.GetAsync("onb-dyn-race", CancellationToken.None))!;
        Assert.Equal(OnboardingStatus.Cancelled, stored.Status);
        Assert.Equal(0, stored.Version);
    }

    [MotoFact]
    public async Task A_record_written_before_versions_existed_takes_its_first_version()
    {
        var table = await aws.CreateTableAsync(_client);
        var store = new DynamoDbOnboardingStore(_client, table);
        await store.AddAsync(Record("onb-dyn-legacy"), CancellationToken.None);
        await _client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = table,
            Key = new()
            {
                [OnboardingTableSchema.PartitionKey] = new() { S = OnboardingTableSchema.OnboardingPrefix + "RECORDS" },
                [OnboardingTableSchema.SortKey] = new() { S = "onb-dyn-legacy" },
            },
            UpdateExpression = "REMOVE version",
        });

        Assert.True(await store.ApplyProgressAsync("onb-dyn-legacy", OnboardingStatus.Submitted, WaitingOnAwsAt7, At, CancellationToken.None));
        Assert.Equal(7, (await store.GetAsync("onb-dyn-legacy", CancellationToken.None))!.Version);
    }

    [MotoFact]
    public async Task A_failure_is_written_with_its_status_and_removed_when_a_redrive_runs_again()
    {
        var store = await StoreAsync();
        await store.AddAsync(Record("onb-dyn-failure"), CancellationToken.None);
        var failed = new OnboardingProgress(OnboardingStatus.Failed, [], "SandboxExitDenied: declined", 9);
        var redriven = new OnboardingProgress(OnboardingStatus.WaitingOnAws, [new("Sandbox.CheckCase", At)], null, 11);

        Assert.True(await store.ApplyProgressAsync("onb-dyn-failure", OnboardingStatus.Submitted, failed, At, CancellationToken.None));
        Assert.Equal("SandboxExitDenied: declined", (await store.GetAsync("onb-dyn-failure", CancellationToken.None))!.Failure);
        Assert.True(await store.ApplyProgressAsync("onb-dyn-failure", OnboardingStatus.Failed, redriven, At, CancellationToken.None));

        var stored = (await store.GetAsync("onb-dyn-failure", CancellationToken.None))!;
        Assert.Equal(OnboardingStatus.WaitingOnAws, stored.Status);
        Assert.Null(stored.Failure);
    }

    [MotoFact]
    public async Task A_write_for_an_onboarding_that_does_not_exist_creates_nothing()
    {
        var store = await StoreAsync();

        Assert.False(await store.ApplyProgressAsync("onb-dyn-missing", OnboardingStatus.Submitted, WaitingOnAwsAt7, At, CancellationToken.None));

        Assert.Null(await store.GetAsync("onb-dyn-missing", CancellationToken.None));
    }

    [MotoFact]
    public async Task Of_concurrent_submits_for_one_pool_exactly_one_is_created() =>
        await Stores.PoolRule.Of_concurrent_submits_for_one_pool_exactly_one_is_created(await StoreAsync());

    [MotoFact]
    public async Task A_replayed_request_answers_its_own_onboarding_not_a_busy_pool() =>
        await Stores.PoolRule.A_replayed_request_answers_its_own_onboarding_not_a_busy_pool(await StoreAsync());

    [MotoFact]
    public async Task Pools_are_independent_and_free_again_once_their_onboarding_ends() =>
        await Stores.PoolRule.Pools_are_independent_and_free_again_once_their_onboarding_ends(await StoreAsync());

    [MotoFact]
    public async Task A_failed_onboarding_frees_its_pool_and_cannot_take_it_back_while_another_holds_it() =>
        await Stores.PoolRule.A_failed_onboarding_frees_its_pool_and_cannot_take_it_back_while_another_holds_it(await StoreAsync());

    public void Dispose() => _client.Dispose();

    private async Task<DynamoDbOnboardingStore> StoreAsync() => new(_client, await aws.CreateTableAsync(_client));

    private static OnboardingRecord Record(string id) => new(
        id, null, "alice", ["bob"], "checkout", "us-east-1_Checkout1", OnboardingStatus.Submitted, null,
        new OnboardingPlan("us-east-1", []), "{}", At, At);
}
