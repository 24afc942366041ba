using SmsOnboarding.Simulator.Tests.Infrastructure;

namespace SmsOnboarding.Simulator.Tests.Cli;

public sealed class SupportLimitIncreaseCliTests
{
    [Fact]
    public async Task CreateCase_refuses_a_service_limit_increase_as_the_Support_API_reference_says()
    {
        await using var sim = await TestSimulator.StartAsync("""{"supportApiRefusesLimitIncreases": true}""");
        var refused = (await sim.Cli.RunAsync("support", "create-case", "--subject", "SNS Text Messaging: exit SMS sandbox (us-east-1)",
            "--communication-body", "Please move us-east-1 out of the SMS sandbox.",
            "--service-code", "service-limit-increase", "--category-code", "sns-text-messaging")).FailedWith("InvalidParameterValueException");
        Assert.Contains("doesn't support requesting service limit increases", refused.Stderr, StringComparison.Ordinal);
        Assert.Empty((await sim.Cli.RunAsync("support", "describe-cases")).Succeeded().Json["cases"]!.AsArray());

        // A technical case is still a case.
        (await sim.Cli.RunAsync("support", "create-case", "--subject", "Question about SMS delivery receipts",
            "--communication-body", "How do we read delivery status logs?",
            "--service-code", "amazon-simple-notification-service", "--category-code", "sms")).Succeeded();
    }
}
