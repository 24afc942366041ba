using SmsOnboarding.Simulator.Tests.Infrastructure;

namespace SmsOnboarding.Simulator.Tests.Cli;

public sealed class SupportCliTests
{
    [Fact]
    public async Task Sandbox_exit_case_filed_in_the_support_center_is_read_answered_and_flips_the_sandbox_through_the_cli()
    {
        await using var sim = await TestSimulator.StartAsync();
        var cli = sim.Cli;
        var services = (await cli.RunAsync("support", "describe-services", "--service-code-list", "service-limit-increase", "amazon-simple-notification-service"))
            .Succeeded().Json["services"]!.AsArray();
        Assert.Equal(["service-limit-increase", "amazon-simple-notification-service"], services.Select(s => s!["code"]!.GetValue<string>()));
        Assert.Contains(services[0]!["categories"]!.AsArray(), c => c!["code"]!.GetValue<string>() == "sns-text-messaging");

        // The Support API refuses limit increases: a person files the case on the Support Center's Create Case page.
        var caseId = sim.Account.FileCaseInSupportCenter("SNS Text Messaging: exit SMS sandbox (us-east-1)",
            "Please move us-east-1 out of the SMS sandbox. Use case: one-time passwords for sign-in.").CaseId;

        var opened = (await cli.RunAsync("support", "describe-cases", "--case-id-list", caseId)).Succeeded().Json["cases"]![0]!;
        Assert.Equal("opened", opened["status"]!.GetValue<string>());

        (await cli.RunAsync("support", "add-communication-to-case", "--case-id", caseId, "--communication-body", "Sample message: Your code is 123456")).Succeeded();

        sim.Advance(TimeSpan.FromHours(26));
        var resolved = (await cli.RunAsync("support", "describe-cases", "--case-id-list", caseId, "--include-resolved-cases")).Succeeded().Json["cases"]![0]!;
        Assert.Equal("resolved", resolved["status"]!.GetValue<string>());
        var reply = resolved["recentCommunications"]!["communications"]![0]!;
        Assert.Equal("Amazon Web Services", reply["submittedBy"]!.GetValue<string>());
        Assert.Contains("approved", reply["body"]!.GetValue<string>(), StringComparison.Ordinal);

        var status = (await cli.RunAsync("sns", "get-sms-sandbox-account-status")).Succeeded().Json;
        Assert.False(status["IsInSandbox"]!.GetValue<bool>());
        (await cli.RunAsync("support", "describe-cases", "--case-id-list", "case-111122223333-muen-2026-0000000000000000")).FailedWith("CaseIdNotFound");
    }

    [Fact]
    public async Task Basic_plan_gets_SubscriptionRequiredException_for_every_support_call()
    {
        await using var sim = await TestSimulator.StartAsync(await File.ReadAllTextAsync(ScenarioFiles.Path("basic-plan.json")));
        (await sim.Cli.RunAsync("support", "describe-services")).FailedWith("SubscriptionRequiredException");
        (await sim.Cli.RunAsync("support", "create-case", "--subject", "s", "--communication-body", "b")).FailedWith("SubscriptionRequiredException");
    }
}
