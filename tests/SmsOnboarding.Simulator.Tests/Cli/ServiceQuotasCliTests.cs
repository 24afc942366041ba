using SmsOnboarding.Simulator.Tests.Infrastructure;

namespace SmsOnboarding.Simulator.Tests.Cli;

public sealed class ServiceQuotasCliTests
{
    [Fact]
    public async Task Spend_quota_increase_moves_to_approved_and_raises_the_quota_through_the_cli()
    {
        await using var sim = await TestSimulator.StartAsync();
        var cli = sim.Cli;
        var quotas = (await cli.RunAsync("service-quotas", "list-service-quotas", "--service-code", "sns")).Succeeded().Json["Quotas"]!.AsArray();
        var spend = quotas.Single(q => q!["QuotaName"]!.GetValue<string>().Contains("SMS monthly spend", StringComparison.Ordinal))!;
        var code = spend["QuotaCode"]!.GetValue<string>();
        Assert.Equal(1, spend["Value"]!.GetValue<double>());
        Assert.NotEmpty((await cli.RunAsync("service-quotas", "list-service-quotas", "--service-code", "sms-voice")).Succeeded().Json["Quotas"]!.AsArray());

        var requested = (await cli.RunAsync("service-quotas", "request-service-quota-increase", "--service-code", "sns", "--quota-code", code, "--desired-value", "200"))
            .Succeeded().Json["RequestedQuota"]!;
        Assert.Equal("PENDING", requested["Status"]!.GetValue<string>());
        var id = requested["Id"]!.GetValue<string>();

        sim.Advance(TimeSpan.FromHours(2));
        var opened = (await cli.RunAsync("service-quotas", "get-requested-service-quota-change", "--request-id", id)).Succeeded().Json["RequestedQuota"]!;
        Assert.Equal("CASE_OPENED", opened["Status"]!.GetValue<string>());
        Assert.StartsWith("case-111122223333-", opened["CaseId"]!.GetValue<string>(), StringComparison.Ordinal);

        sim.Advance(TimeSpan.FromHours(28));
        var approved = (await cli.RunAsync("service-quotas", "get-requested-service-quota-change", "--request-id", id)).Succeeded().Json["RequestedQuota"]!;
        Assert.Equal("APPROVED", approved["Status"]!.GetValue<string>());
        var quota = (await cli.RunAsync("service-quotas", "get-service-quota", "--service-code", "sns", "--quota-code", code)).Succeeded().Json["Quota"]!;
        Assert.Equal(200, quota["Value"]!.GetValue<double>());
        var limits = (await cli.RunAsync("pinpoint-sms-voice-v2", "describe-spend-limits")).Succeeded().Json["SpendLimits"]!.AsArray();
        Assert.Equal(200, limits.Single(l => l!["Name"]!.GetValue<string>() == "TEXT_MESSAGE_MONTHLY_SPEND_LIMIT")!["MaxLimit"]!.GetValue<long>());
        (await cli.RunAsync("service-quotas", "get-service-quota", "--service-code", "sns", "--quota-code", "L-NOPE")).FailedWith("NoSuchResourceException");
    }

    [Fact]
    public async Task An_sms_quota_the_scenario_leaves_out_is_not_listed_and_cannot_be_requested()
    {
        await using var sim = await TestSimulator.StartAsync("""{"smsQuotas": {"spendLimit": false, "productionAccess": true}}""");
        var cli = sim.Cli;
        var names = (await cli.RunAsync("service-quotas", "list-service-quotas", "--service-code", "sms-voice")).Succeeded().Json["Quotas"]!.AsArray()
            .Select(q => q!["QuotaName"]!.GetValue<string>()).ToList();

        Assert.DoesNotContain(names, n => n.Contains("spend", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("SMS production access", names);
        (await cli.RunAsync("service-quotas", "request-service-quota-increase", "--service-code", "sns", "--quota-code", "L-SMS0SPND", "--desired-value", "200"))
            .FailedWith("NoSuchResourceException");
        var production = (await cli.RunAsync("service-quotas", "get-service-quota", "--service-code", "sms-voice", "--quota-code", "L-EUM0PROD")).Succeeded().Json["Quota"]!;
        Assert.Equal(0, production["Value"]!.GetValue<double>());
    }
}
