using SmsOnboarding.Steps.AccountWork;

namespace SmsOnboarding.Steps.Tests.AccountWork;

/// <summary>What every <see cref="IAccountWorkStore"/> must do, run against the SQLite file and DynamoDB (moto) alike.</summary>
internal static class AccountWorkChecks
{
    public static readonly DateTimeOffset At = new(2026, 11, 29, 4, 0, 0, TimeSpan.Zero);

    private const string Key = "account|111122223333|us-east-1|sandboxExit";

    /// <summary>Many executions claim at once through two store instances: one owns, every other joins that one.</summary>
    public static async Task Racing_claims_leave_exactly_one_owner_that_everyone_joins(IAccountWorkStore first, IAccountWorkStore second, int executions = 12)
    {
        using var go = new ManualResetEventSlim();
        var claims = Enumerable.Range(0, executions).Select(i => Task.Run(async () =>
        {
            go.Wait();
            var store = i % 2 == 0 ? first : second;
            return await store.ClaimOrJoinAsync(Key, new AccountWorkRecord(Execution(i), 0, At));
        })).ToList();
        go.Set();
        var inForce = await Task.WhenAll(claims);

        var owner = Assert.Single(inForce.Select(w => w.OwnerExecutionArn).Distinct());
        Assert.Equal(owner, (await first.GetAsync(Key))!.OwnerExecutionArn);
    }

    public static async Task Larger_amounts_take_over_open_work_and_smaller_ones_join_it(IAccountWorkStore store)
    {
        const string Spend = "account|111122223333|us-east-1|spendIncrease";
        Assert.Equal(Execution(1), (await store.ClaimOrJoinAsync(Spend, new AccountWorkRecord(Execution(1), 250, At))).OwnerExecutionArn);
        Assert.Equal(Execution(1), (await store.ClaimOrJoinAsync(Spend, new AccountWorkRecord(Execution(2), 250, At))).OwnerExecutionArn);
        Assert.Equal(Execution(1), (await store.ClaimOrJoinAsync(Spend, new AccountWorkRecord(Execution(2), 100.5m, At))).OwnerExecutionArn);
        var raised = await store.ClaimOrJoinAsync(Spend, new AccountWorkRecord(Execution(3), 1000, At));
        Assert.Equal(new AccountWorkRecord(Execution(3), 1000, At), raised);

        // The first owner's case ending no longer ends the work: the larger request now stands for everyone.
        await store.EndAsync(Spend, Execution(1), AccountWorkRecord.Denied, "AWS said no", At.AddDays(1));
        Assert.True((await store.GetAsync(Spend))!.IsOpen);
    }

    public static async Task Ended_work_is_kept_with_its_outcome_and_the_next_need_opens_new_work(IAccountWorkStore store)
    {
        await store.ClaimOrJoinAsync(Key, new AccountWorkRecord(Execution(1), 0, At));
        await store.EndAsync(Key, Execution(1), AccountWorkRecord.Denied, "AWS asked for the opt-in screenshot", At.AddDays(2));

        Assert.Equal(new AccountWorkRecord(Execution(1), 0, At, AccountWorkRecord.Denied, "AWS asked for the opt-in screenshot"), await store.GetAsync(Key));
        var next = await store.ClaimOrJoinAsync(Key, new AccountWorkRecord(Execution(2), 0, At.AddDays(3)));
        Assert.Equal(new AccountWorkRecord(Execution(2), 0, At.AddDays(3)), next);
        Assert.Null(await store.GetAsync("account|111122223333|eu-west-1|sandboxExit"));
    }

    public static async Task Open_work_is_listed_with_its_account_and_region_and_ended_work_is_not(IAccountWorkStore store)
    {
        const string Spend = "account|444455556666|eu-west-1|spendIncrease";
        const string TollFree = "account|444455556666|us-east-1|origination|TollFree";
        await store.ClaimOrJoinAsync(Key, new AccountWorkRecord(Execution(1), 0, At));
        await store.ClaimOrJoinAsync(Spend, new AccountWorkRecord(Execution(2), 250, At));
        await store.ClaimOrJoinAsync(TollFree, new AccountWorkRecord(Execution(3), 0, At));
        await store.EndAsync(Key, Execution(1), AccountWorkRecord.Satisfied, null, At.AddDays(1));

        var open = await store.OpenAsync();

        Assert.Equal([Spend, TollFree], open.Select(e => e.Key));
        var spend = open[0];
        Assert.Equal(("444455556666", "eu-west-1", "spendIncrease", (string?)null), (spend.AccountId, spend.SnsRegion, spend.Need, spend.Kind));
        Assert.Equal(new AccountWorkRecord(Execution(2), 250, At), spend.Work);
        Assert.Equal(("us-east-1", "origination", "TollFree"), (open[1].SnsRegion, open[1].Need, open[1].Kind));
    }

    public static string Execution(int i) => $"arn:aws:states:us-east-1:111122223333:execution:sms-onboarding:onb-{i:000000000000}";
}
