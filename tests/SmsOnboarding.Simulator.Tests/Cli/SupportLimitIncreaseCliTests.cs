using SmsOnboarding.Simulator.Tests.Infrastructure;

namespace SmsOnboarding.Simulator.Tests.Cli;

public sealed class SupportLimitIncreaseCliTests
{
    [Fact]
    public async Task Support_api_refuses_a_limit_increase_case()
    {
        await using var sim = await TestSimulator.StartAsync();
        var refused = (await sim.Cli.RunAsync("support", "create-case", "--subject", "SNS Text Messaging: exit SMS sandbox (us-east-1)",
            "--communication-body", "Please move us-east-1 out of the SMS sandbox.",
            "--service-code", "service-limit-increase", "--category-code", "sns-text-messaging")).FailedWith("CaseCreationLimitExceeded");
        Assert.Contains("doesn't support requesting service limit increases", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("RequestServiceQuotaIncrease", refused.Stderr, StringComparison.Ordinal);
        Assert.Empty((await sim.Cli.RunAsync("support", "describe-cases", "--include-resolved-cases")).Succeeded().Json["cases"]!.AsArray());
    }

    [Theory]
    [InlineData("SNS Text Messaging: SMS monthly spend limit increase in us-east-1", "New limit value: 500 USD per month")]
    [InlineData("Dedicated short code for us-east-2", "Resource type: Dedicated SMS Short Codes. Region: us-east-2.")]
    [InlineData("Production access", "Please move our account out of the SMS sandbox in eu-west-1.")]
    public async Task A_limit_increase_filed_under_another_service_code_is_refused_too(string subject, string body)
    {
        await using var sim = await TestSimulator.StartAsync();
        (await sim.Cli.RunAsync("support", "create-case", "--subject", subject, "--communication-body", body,
            "--service-code", "amazon-simple-notification-service", "--category-code", "sms")).FailedWith("CaseCreationLimitExceeded");
    }

    [Fact]
    public async Task A_technical_case_is_still_opened()
    {
        await using var sim = await TestSimulator.StartAsync();
        var caseId = (await sim.Cli.RunAsync("support", "create-case", "--subject", "Question about SMS delivery receipts",
            "--communication-body", "How do we read delivery status logs?",
            "--service-code", "amazon-simple-notification-service", "--category-code", "sms")).Succeeded().Json["caseId"]!.GetValue<string>();
        Assert.Equal(caseId, (await sim.Cli.RunAsync("support", "describe-cases", "--case-id-list", caseId)).Succeeded().Json["cases"]![0]!["caseId"]!.GetValue<string>());
    }
}
