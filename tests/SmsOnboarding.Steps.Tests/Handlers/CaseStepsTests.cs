using System.Text.Json;
using System.Text.Json.Nodes;
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
    public async Task Sandbox_exit_case_is_opened_once_when_the_step_retries()
    {
        await using var aws = await SimulatedAws.StartAsync();
        var host = aws.Host();
        var pool = await ResolveAsync(host);
        var input = Payload(pool, Needs.SandboxExit);

        var first = JsonNode.Parse(await host.InvokeAsync(OpenCaseStep.Name, input))!;
        var second = JsonNode.Parse(await host.InvokeAsync(OpenCaseStep.Name, input))!;

        Assert.Equal(CaseChannels.SupportApi, (string?)first["channel"]);
        Assert.Equal((string?)first["caseId"], (string?)second["caseId"]);
        var cases = (await aws.Clients.Support().DescribeCasesAsync(new DescribeCasesRequest { IncludeResolvedCases = true })).Cases!;
        Assert.Single(cases);
    }

    [Fact]
    public async Task Basic_plan_falls_back_to_a_person_with_the_prefilled_case()
    {
        await using var aws = await SimulatedAws.StartAsync(SimulatedAws.DefaultScenario() with { SupportPlan = SupportPlan.Basic });
        var host = aws.Host();
        var pool = await ResolveAsync(host);

        var opened = JsonNode.Parse(await host.InvokeAsync(OpenCaseStep.Name, Payload(pool, Needs.SandboxExit)))!;

        Assert.Equal(CaseChannels.Human, (string?)opened["channel"]);
        Assert.Contains("Limit: Exit SMS Sandbox", (string?)opened["caseText"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spend_increase_goes_through_service_quotas_found_by_name()
    {
        await using var aws = await SimulatedAws.StartAsync();
        var host = aws.Host();
        var pool = await ResolveAsync(host);

        var opened = JsonNode.Parse(await host.InvokeAsync(OpenCaseStep.Name, Payload(pool, Needs.SpendIncrease)))!;

        Assert.Equal(CaseChannels.ServiceQuotas, (string?)opened["channel"]);
        Assert.False(string.IsNullOrEmpty((string?)opened["quotaRequestId"]));
    }

    [Fact]
    public async Task A_resolved_case_whose_effect_is_late_keeps_polling_until_the_effect_appears()
    {
        await using var aws = await SimulatedAws.StartAsync(ResolvedWithoutEffect());
        var host = aws.Host();
        var pool = await ResolveAsync(host);
        var opened = await CaseStep(host, OpenCaseStep.Name, pool, null);
        aws.Clock.Advance(TimeSpan.FromHours(27 + 24));

        var late = await CaseStep(host, CheckCaseStep.Name, pool, opened);
        // The account leaves the sandbox later, through a case AWS decides the usual way.
        aws.Account.ReplaceScenario(SimulatedAws.DefaultScenario());
        await CaseStep(host, OpenCaseStep.Name, pool, null, SimulatedAws.ExecutionArn + "-other");
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
        var state = await CaseStep(host, OpenCaseStep.Name, pool, null);
        aws.Clock.Advance(TimeSpan.FromHours(27 + 24));
        state = await CaseStep(host, CheckCaseStep.Name, pool, state);

        aws.Clock.Advance(CheckCaseHandler.ResolvedEffectGrace - TimeSpan.FromMinutes(1));
        state = await CaseStep(host, CheckCaseStep.Name, pool, state);
        aws.Clock.Advance(TimeSpan.FromMinutes(2));
        var failure = await Assert.ThrowsAsync<StepException>(() => CaseStep(host, CheckCaseStep.Name, pool, state));

        Assert.Equal(StepErrors.Failed, failure.ErrorName);
        Assert.Contains("has not appeared in us-east-1 in the 72 hours since", failure.Message, StringComparison.Ordinal);
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

    private static string Payload(PoolInfo pool, string need) =>
        JsonSerializer.Serialize(new CaseInput(SimulatedAws.ExecutionArn, SimulatedAws.Request(), pool, need, SimulatedAws.Settings), OpenCaseStep.Descriptor.Input);
}
