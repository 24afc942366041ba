using System.Text.Json;
using SmsOnboarding.Steps.AccountWork;
using SmsOnboarding.Steps.CheckCase;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.Idempotency;
using SmsOnboarding.Steps.OpenCase;
using SmsOnboarding.Steps.ResolvePool;
using SmsOnboarding.Steps.Tests.Support;

namespace SmsOnboarding.Steps.Tests.AccountWork;

/// <summary>OpenCase and CheckCase of two executions in one account and Region, on the simulated account and the SQLite stores.</summary>
public sealed class SharedCaseStepsTests
{
    private const string Owner = "arn:aws:states:us-east-1:111122223333:execution:sms-onboarding:onb-0000000000a1";
    private const string Joiner = "arn:aws:states:us-east-1:111122223333:execution:sms-onboarding:onb-0000000000b2";

    [Fact]
    public async Task An_owner_that_crashed_after_claiming_takes_its_spend_request_back_once_its_claim_expires_and_the_joiner_is_satisfied_by_it()
    {
        await using var aws = await SimulatedAws.StartAsync();
        var host = aws.Host();
        var pool = await ResolveAsync(host);
        // The owner's first attempt claimed its step and the account's work, then died before opening anything.
        var now = aws.Clock.GetUtcNow();
        Assert.True(await aws.Store.TryClaimAsync(IdempotencyKeys.For(Owner, OpenCaseStep.Name, Needs.SpendIncrease),
            new IdempotencyRecord(IdempotencyRecord.Started, null, now, now + Once.InProgressExpiry), now));
        await aws.AccountWork.ClaimOrJoinAsync(AccountWorkKeys.For(pool.AccountId, pool.SnsRegion, Needs.SpendIncrease), new AccountWorkRecord(Owner, 250, now));

        var joined = await CaseStep(host, OpenCaseStep.Name, pool, null, Joiner, Needs.SpendIncrease);
        var whileClaimed = await Assert.ThrowsAsync<StepException>(() => CaseStep(host, OpenCaseStep.Name, pool, null, Owner, Needs.SpendIncrease));
        aws.Clock.Advance(Once.InProgressExpiry + TimeSpan.FromSeconds(1));
        var opened = await CaseStep(host, OpenCaseStep.Name, pool, null, Owner, Needs.SpendIncrease);
        var joinedAgain = await CaseStep(host, OpenCaseStep.Name, pool, null, Joiner, Needs.SpendIncrease);
        aws.Clock.Advance(TimeSpan.FromHours(31));
        var ownerChecked = await CaseStep(host, CheckCaseStep.Name, pool, opened, Owner, Needs.SpendIncrease);
        var joinerChecked = await CaseStep(host, CheckCaseStep.Name, pool, joined, Joiner, Needs.SpendIncrease);

        Assert.Equal((CaseChannels.Joined, "onb-0000000000a1"), (joined.Channel, joined.WaitingOn));
        Assert.StartsWith("Waiting on the spend request (for 250 USD a month) opened for onb-0000000000a1", joined.CaseText, StringComparison.Ordinal);
        Assert.Equal(StepErrors.Transient, whileClaimed.ErrorName);
        Assert.Equal(CaseChannels.ServiceQuotas, opened.Channel);
        Assert.Equal(joined, joinedAgain);
        Assert.True(ownerChecked.Satisfied);
        Assert.True(joinerChecked.Satisfied);
    }

    [Fact]
    public async Task A_joiner_fails_with_the_owners_denial_naming_the_owner()
    {
        await using var aws = await SimulatedAws.StartAsync();
        var host = aws.Host();
        var pool = await ResolveAsync(host);
        await CaseStep(host, OpenCaseStep.Name, pool, null, Owner);
        var joined = await CaseStep(host, OpenCaseStep.Name, pool, null, Joiner);

        var waiting = await CaseStep(host, CheckCaseStep.Name, pool, joined, Joiner);
        await aws.AccountWork.EndAsync(AccountWorkKeys.For(pool.AccountId, pool.SnsRegion, Needs.SandboxExit), Owner, AccountWorkRecord.Denied,
            "AWS asked for the opt-in screenshot", aws.Clock.GetUtcNow());
        var denied = await Assert.ThrowsAsync<StepException>(() => CaseStep(host, CheckCaseStep.Name, pool, waiting, Joiner));

        Assert.Equal(("waitingOnShared", false), (waiting.Status, waiting.Satisfied));
        Assert.Equal(StepErrors.Denied, denied.ErrorName);
        Assert.Contains("opened for onb-0000000000a1", denied.Message, StringComparison.Ordinal);
        Assert.Contains("AWS asked for the opt-in screenshot", denied.Message, StringComparison.Ordinal);
    }

    private static async Task<CaseState> CaseStep(StepHost host, string step, PoolInfo pool, CaseState? state, string executionArn, string need = Needs.SandboxExit)
    {
        var input = JsonSerializer.Serialize(
            new CaseInput(executionArn, SimulatedAws.Request(), pool, need, SimulatedAws.Settings, state), OpenCaseStep.Descriptor.Input);
        return (CaseState)JsonSerializer.Deserialize(await host.InvokeAsync(step, input), OpenCaseStep.Descriptor.Output)!;
    }

    private static async Task<PoolInfo> ResolveAsync(StepHost host)
    {
        var input = JsonSerializer.Serialize(new ResolvePoolInput(SimulatedAws.ExecutionArn, SimulatedAws.Request()), ResolvePoolStep.Descriptor.Input);
        return (PoolInfo)JsonSerializer.Deserialize(await host.InvokeAsync(ResolvePoolStep.Name, input), ResolvePoolStep.Descriptor.Output)!;
    }
}
