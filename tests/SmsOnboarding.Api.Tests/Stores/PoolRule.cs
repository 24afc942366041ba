using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Domain.Lifecycle;
using SmsOnboarding.Domain.Planning;

namespace SmsOnboarding.Api.Tests.Stores;

/// <summary>"One onboarding per pool at a time", as every store must keep it; each store's tests run these.</summary>
internal static class PoolRule
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public static async Task Of_concurrent_submits_for_one_pool_exactly_one_is_created(IOnboardingStore store)
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Task.Run(() => store.AddAsync(Record($"onb-race-{i}", "us-east-1_Race"), CancellationToken.None))));

        var created = Assert.Single(outcomes, o => o.Created);
        Assert.All(outcomes.Where(o => !o.Created), o =>
        {
            Assert.True(o.PoolBusy);
            Assert.Equal(created.Record.Id, o.Record.Id);
        });
        Assert.Equal(created.Record.Id, (await store.PoolHolderAsync("us-east-1_Race", "someone-else", CancellationToken.None))?.Id);
    }

    public static async Task A_replayed_request_answers_its_own_onboarding_not_a_busy_pool(IOnboardingStore store)
    {
        var first = await store.AddAsync(Record("onb-first", "us-east-1_Replay") with { RequestId = "req-1" }, CancellationToken.None);

        var replay = await store.AddAsync(Record("onb-replay", "us-east-1_Replay") with { RequestId = "req-1" }, CancellationToken.None);

        Assert.True(first.Created);
        Assert.False(replay.PoolBusy);
        Assert.False(replay.Created);
        Assert.Equal("onb-first", replay.Record.Id);
    }

    public static async Task Pools_are_independent_and_free_again_once_their_onboarding_ends(IOnboardingStore store)
    {
        Assert.True((await store.AddAsync(Record("onb-a1", "us-east-1_A"), CancellationToken.None)).Created);
        Assert.True((await store.AddAsync(Record("onb-b1", "us-east-1_B"), CancellationToken.None)).Created);
        Assert.True((await store.AddAsync(Record("onb-a2", "us-east-1_A"), CancellationToken.None)).PoolBusy);

        Assert.True(await store.TransitionAsync("onb-a1", OnboardingStatus.Submitted, OnboardingStatus.Cancelled, null, At, CancellationToken.None));

        Assert.True((await store.AddAsync(Record("onb-a3", "us-east-1_A"), CancellationToken.None)).Created);
    }

    public static async Task A_failed_onboarding_frees_its_pool_and_cannot_take_it_back_while_another_holds_it(IOnboardingStore store)
    {
        await store.AddAsync(Record("onb-failed", "us-east-1_Redrive"), CancellationToken.None);
        Assert.True(await store.TransitionAsync("onb-failed", OnboardingStatus.Submitted, OnboardingStatus.Failed, "boom", At, CancellationToken.None));
        Assert.True((await store.AddAsync(Record("onb-next", "us-east-1_Redrive"), CancellationToken.None)).Created);

        Assert.False(await store.TransitionAsync("onb-failed", OnboardingStatus.Failed, OnboardingStatus.Running, null, At, CancellationToken.None));
        Assert.Equal("onb-next", (await store.PoolHolderAsync("us-east-1_Redrive", "onb-failed", CancellationToken.None))?.Id);

        Assert.True(await store.TransitionAsync("onb-next", OnboardingStatus.Submitted, OnboardingStatus.Cancelled, null, At, CancellationToken.None));
        Assert.True(await store.TransitionAsync("onb-failed", OnboardingStatus.Failed, OnboardingStatus.Running, null, At, CancellationToken.None));
        Assert.True((await store.AddAsync(Record("onb-third", "us-east-1_Redrive"), CancellationToken.None)).PoolBusy);
    }

    private static OnboardingRecord Record(string id, string pool) => new(
        id, null, "alice", ["bob"], "checkout", pool, OnboardingStatus.Submitted, null,
        new OnboardingPlan("us-east-1", []), "{}", At, At);
}
