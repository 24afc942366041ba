using SmsOnboarding.Aws.ServiceQuotas.Model;

namespace SmsOnboarding.EndToEnd.Tests;

public sealed class CancelTests
{
    [Fact]
    public async Task Cancelling_a_waiting_onboarding_stops_it_drops_its_tasks_and_touches_aws_no_more()
    {
        await using var h = await Harness.StartAsync(Harness.Scenario());
        var arn = await h.Stack.StartOnboardingAsync(Harness.Request(numbers: ["+12065550101"]));
        await h.Stack.RunUntilIdleAsync();
        Assert.Single(await h.Stack.Inbox.ListPendingAsync(arn));
        var casesBefore = (await ScenarioTests.CasesAsync(h)).Count;
        var smsBefore = h.Stack.Simulator.MessagesTo("+12065550101").Count;

        await h.Stack.StopAsync(arn, "cancelled by olivia: wrong pool");
        await h.Stack.RunUntilIdleAsync();
        var run = await h.Stack.GetStatusAsync(arn);

        Assert.Equal("ABORTED", run.Status);
        Assert.Equal("OnboardingCancelled", run.Error);
        Assert.Equal("cancelled by olivia: wrong pool", run.Cause);
        Assert.Empty(await h.Stack.Inbox.ListPendingAsync(arn));
        Assert.Equal(0, h.Stack.Engine.ActiveExecutions);
        Assert.Equal(casesBefore, (await ScenarioTests.CasesAsync(h)).Count);
        Assert.Equal(smsBefore, h.Stack.Simulator.MessagesTo("+12065550101").Count);
        var pool = (await h.Stack.Aws.Cognito("us-east-1").DescribeUserPoolAsync(new() { UserPoolId = "us-east-1_Checkout1" })).UserPool!;
        Assert.Null(pool.SmsConfiguration);
    }
}
