using System.Text.Json;
using System.Text.Json.Nodes;
using SmsOnboarding.Aws.AWSSupport.Model;
using SmsOnboarding.Simulator.Scenarios;
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

    private static async Task<PoolInfo> ResolveAsync(StepHost host)
    {
        var input = JsonSerializer.Serialize(new ResolvePoolInput(SimulatedAws.ExecutionArn, SimulatedAws.Request()), ResolvePoolStep.Descriptor.Input);
        return (PoolInfo)JsonSerializer.Deserialize(await host.InvokeAsync(ResolvePoolStep.Name, input), ResolvePoolStep.Descriptor.Output)!;
    }

    private static string Payload(PoolInfo pool, string need) =>
        JsonSerializer.Serialize(new CaseInput(SimulatedAws.ExecutionArn, SimulatedAws.Request(), pool, need, SimulatedAws.Settings), OpenCaseStep.Descriptor.Input);
}
