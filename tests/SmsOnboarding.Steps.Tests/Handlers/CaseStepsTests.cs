using System.Text.Json;
using SmsOnboarding.Aws.AWSSupport.Model;
using SmsOnboarding.Simulator.Scenarios;
using SmsOnboarding.Steps.CheckCase;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.OpenCase;
using SmsOnboarding.Steps.ResolvePool;
using SmsOnboarding.Steps.Tests.Support;

namespace SmsOnboarding.Steps.Tests.Handlers;

public sealed class CaseStepsTests
{
    [Fact]
    public async Task Spend_increase_uses_service_quotas_when_the_account_has_the_quota()
    {
        await using var aws = await SimulatedAws.StartAsync();
        var host = aws.Host();
        var pool = await ResolveAsync(host);

        var opened = await OpenAsync(host, pool, Needs.SpendIncrease);

        Assert.Equal(CaseChannels.ServiceQuotas, opened.Channel);
        Assert.False(string.IsNullOrEmpty(opened.QuotaRequestId));
        Assert.Null(opened.Handovers);
    }

    [Fact]
    public async Task Spend_increase_request_is_made_once_when_the_step_retries()
    {
        await using var aws = await SimulatedAws.StartAsync();
        var host = aws.Host();
        var pool = await ResolveAsync(host);

        var first = await OpenAsync(host, pool, Needs.SpendIncrease);
        var second = await OpenAsync(host, pool, Needs.SpendIncrease);

        Assert.Equal(first.QuotaRequestId, second.QuotaRequestId);
        var history = await aws.Clients.ServiceQuotas("us-east-1").ListRequestedServiceQuotaChangeHistoryByQuotaAsync(
            new() { ServiceCode = "sns", QuotaCode = "L-SMS0SPND" });
        Assert.Single(history.RequestedQuotas!);
    }

    [Fact]
    public async Task Sandbox_exit_goes_to_a_person_when_no_service_quota_matches()
    {
        await using var aws = await SimulatedAws.StartAsync();
        var host = aws.Host();
        var pool = await ResolveAsync(host);

        var opened = await OpenAsync(host, pool, Needs.SandboxExit);

        Assert.Equal(CaseChannels.Human, opened.Channel);
        Assert.Contains("Limit: Exit SMS Sandbox", opened.CaseText, StringComparison.Ordinal);
        var handover = Assert.Single(opened.Handovers!);
        Assert.Equal(CaseChannels.ServiceQuotas, handover.Channel);
        Assert.Contains("lists no adjustable sandboxExit quota under sns or sms-voice", handover.Reason, StringComparison.Ordinal);
        // The Support API refuses limit increases, so nothing was sent there.
        Assert.Empty((await aws.Clients.Support().DescribeCasesAsync(new DescribeCasesRequest { IncludeResolvedCases = true })).Cases!);
    }

    [Fact]
    public async Task Spend_increase_goes_to_a_person_when_the_account_lists_no_spend_quota()
    {
        await using var aws = await SimulatedAws.StartAsync(SimulatedAws.DefaultScenario() with { SmsQuotas = new SmsQuotas { SpendLimit = false } });
        var host = aws.Host();
        var pool = await ResolveAsync(host);

        var opened = await OpenAsync(host, pool, Needs.SpendIncrease);

        Assert.Equal(CaseChannels.Human, opened.Channel);
        Assert.Contains("New limit value: 250 USD per month", opened.CaseText, StringComparison.Ordinal);
        Assert.Equal(CaseChannels.ServiceQuotas, Assert.Single(opened.Handovers!).Channel);
    }

    [Fact]
    public async Task Sandbox_exit_uses_service_quotas_when_the_account_lists_production_access_and_the_approval_ends_the_sandbox()
    {
        await using var aws = await SimulatedAws.StartAsync(SimulatedAws.DefaultScenario() with { SmsQuotas = new SmsQuotas { ProductionAccess = true } });
        var host = aws.Host();
        var pool = await ResolveAsync(host);

        var opened = await CaseStep(host, OpenCaseStep.Name, pool, null);
        aws.Clock.Advance(TimeSpan.FromHours(31));
        var checkedAfterReview = await CaseStep(host, CheckCaseStep.Name, pool, opened);

        Assert.Equal(CaseChannels.ServiceQuotas, opened.Channel);
        Assert.True(checkedAfterReview.Satisfied);
        Assert.False(aws.Account.IsInSandbox("us-east-1"));
    }

    [Fact]
    public async Task A_refusing_channel_hands_over_and_the_reason_shows_on_the_case()
    {
        await using var aws = await SimulatedAws.StartAsync();
        var pool = await ResolveAsync(aws.Host());
        // The step's role may list quotas but not request an increase: Service Quotas answers AccessDeniedException.
        var grants = OpenCaseStep.Descriptor.Permissions
            .Select(g => g with { Actions = [.. g.Actions.Where(a => a != "servicequotas:RequestServiceQuotaIncrease")] });
        using var clients = await StepRole.AssumeAsync(aws, "step-" + OpenCaseStep.Name, grants);

        var opened = await OpenAsync(new StepHost(clients, aws.Store, aws.AccountWork, aws.Inbox, aws.Clock), pool, Needs.SpendIncrease);

        Assert.Equal(CaseChannels.Human, opened.Channel);
        var handover = Assert.Single(opened.Handovers!);
        Assert.Equal((CaseChannels.ServiceQuotas, "AccessDeniedException"), (handover.Channel, handover.ErrorCode));
        Assert.Contains("servicequotas:RequestServiceQuotaIncrease", handover.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttling_is_retried_not_handed_over()
    {
        var throttled = SimulatedAws.DefaultScenario() with { Faults = new FaultInjection { ThrottleRate = 1, Services = ["servicequotas"] } };
        await using var aws = await SimulatedAws.StartAsync(throttled);
        var host = aws.Host();
        var pool = await ResolveAsync(host);

        var failure = await Assert.ThrowsAsync<StepException>(() => OpenAsync(host, pool, Needs.SpendIncrease));
        aws.Account.ReplaceScenario(SimulatedAws.DefaultScenario());
        var retried = await OpenAsync(host, pool, Needs.SpendIncrease);

        Assert.Equal(StepErrors.Transient, failure.ErrorName);
        Assert.Equal(CaseChannels.ServiceQuotas, retried.Channel);
        Assert.Null(retried.Handovers);
    }

    [Fact]
    public async Task A_resolved_case_whose_effect_is_late_keeps_polling_until_the_effect_appears()
    {
        await using var aws = await SimulatedAws.StartAsync(ResolvedWithoutEffect());
        var host = aws.Host();
        var pool = await ResolveAsync(host);
        var opened = SupportApiCase(aws);
        aws.Clock.Advance(TimeSpan.FromHours(27 + 24));

        var late = await CaseStep(host, CheckCaseStep.Name, pool, opened);
        // The account leaves the sandbox later, through a case AWS decides the usual way.
        aws.Account.ReplaceScenario(SimulatedAws.DefaultScenario());
        SupportApiCase(aws);
        aws.Clock.Advance(TimeSpan.FromHours(27));
        var visible = await CaseStep(host, CheckCaseStep.Name, pool, late);

        Assert.Equal(("resolved", false), (late.Status, late.Satisfied));
        Assert.Equal(aws.Clock.GetUtcNow() - TimeSpan.FromHours(27), late.ResolvedAt);
        Assert.True(late.NextDelaySeconds > 0);
        Assert.True(visible.Satisfied);
    }

    [Fact]
    public async Task A_resolved_case_whose_effect_never_appears_fails_after_the_grace_period_with_the_reason()
    {
        await using var aws = await SimulatedAws.StartAsync(ResolvedWithoutEffect());
        var host = aws.Host();
        var pool = await ResolveAsync(host);
        var state = SupportApiCase(aws);
        aws.Clock.Advance(TimeSpan.FromHours(27 + 24));
        state = await CaseStep(host, CheckCaseStep.Name, pool, state);

        aws.Clock.Advance(CheckCaseHandler.ResolvedEffectGrace - TimeSpan.FromMinutes(1));
        state = await CaseStep(host, CheckCaseStep.Name, pool, state);
        aws.Clock.Advance(TimeSpan.FromMinutes(2));
        var failure = await Assert.ThrowsAsync<StepException>(() => CaseStep(host, CheckCaseStep.Name, pool, state));

        Assert.Equal(StepErrors.Failed, failure.ErrorName);
        Assert.Contains("has not appeared in us-east-1 in the 72 hours since", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A sandbox exit case as builds before decision 0021 recorded it (channel supportApi), in executions still running:
    /// CheckCase reads it with DescribeCases. The case itself is filed the only way AWS now takes one.
    /// </summary>
    private static CaseState SupportApiCase(SimulatedAws aws)
    {
        var filed = aws.Account.FileCaseInSupportCenter("SNS Text Messaging: exit SMS sandbox (production access) in us-east-1",
            "Limit type: SNS Text Messaging\nRegion: us-east-1\nLimit: Exit SMS Sandbox");
        return new CaseState(Needs.SandboxExit, CaseChannels.SupportApi, "text", "link", aws.Clock.GetUtcNow(), CaseId: filed.CaseId, Status: "opened");
    }

    /// <summary>AWS asks for more information, nobody answers, and the case auto-resolves without the change.</summary>
    private static SimulatorScenario ResolvedWithoutEffect() => SimulatedAws.DefaultScenario() with
    {
        Reviews = new ReviewPolicies { SandboxExit = new ReviewPolicy(26, AskForMoreInfo: true), AutoResolveHours = 24 },
    };

    private static async Task<CaseState> CaseStep(StepHost host, string step, PoolInfo pool, CaseState? state, string executionArn = SimulatedAws.ExecutionArn)
    {
        var input = JsonSerializer.Serialize(
            new CaseInput(executionArn, SimulatedAws.Request(), pool, Needs.SandboxExit, SimulatedAws.Settings, state), OpenCaseStep.Descriptor.Input);
        return (CaseState)JsonSerializer.Deserialize(await host.InvokeAsync(step, input), OpenCaseStep.Descriptor.Output)!;
    }

    private static async Task<PoolInfo> ResolveAsync(StepHost host)
    {
        var input = JsonSerializer.Serialize(new ResolvePoolInput(SimulatedAws.ExecutionArn, SimulatedAws.Request()), ResolvePoolStep.Descriptor.Input);
        return (PoolInfo)JsonSerializer.Deserialize(await host.InvokeAsync(ResolvePoolStep.Name, input), ResolvePoolStep.Descriptor.Output)!;
    }

    private static async Task<CaseState> OpenAsync(StepHost host, PoolInfo pool, string need)
    {
        var input = JsonSerializer.Serialize(new CaseInput(SimulatedAws.ExecutionArn, SimulatedAws.Request(), pool, need, SimulatedAws.Settings), OpenCaseStep.Descriptor.Input);
        return (CaseState)JsonSerializer.Deserialize(await host.InvokeAsync(OpenCaseStep.Name, input), OpenCaseStep.Descriptor.Output)!;
    }
}
