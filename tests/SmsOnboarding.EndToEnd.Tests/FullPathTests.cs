using System.Text.Json.Nodes;
using SmsOnboarding.Aws.SimpleNotificationService.Model;

namespace SmsOnboarding.EndToEnd.Tests;

public sealed class FullPathTests
{
    [Fact]
    public async Task New_account_in_us_east_1_with_two_sandbox_numbers_is_onboarded_end_to_end()
    {
        await using var h = await Harness.StartAsync(Harness.Scenario());
        var arn = await h.Stack.StartOnboardingAsync(Harness.Request());

        var run = await h.RunAsync(arn);

        Assert.True(run.Status == "SUCCEEDED", $"{run.Status} at {run.CurrentStep}: {run.Error}: {run.Cause}");
        var output = JsonNode.Parse(run.Output!)!;
        Assert.Equal("us-east-1", (string?)output["snsRegion"]);
        Assert.True((bool)output["testMessage"]!["sent"]!);
        // The identity the run obtained is part of its result (the detail page's summary shows it).
        var identity = (string?)output["origination"]!["phoneNumber"];
        Assert.Matches(@"^\+1[0-9]{10}$", identity);

        var sns = h.Stack.Aws.Sns("us-east-1");
        Assert.False((await sns.GetSMSSandboxAccountStatusAsync(new GetSMSSandboxAccountStatusRequest())).IsInSandbox);
        var numbers = (await sns.ListSMSSandboxPhoneNumbersAsync(new ListSMSSandboxPhoneNumbersRequest())).PhoneNumbers!;
        Assert.All(new[] { "+12065550101", "+12065550102" }, n => Assert.Equal("Verified", numbers.Single(x => x.PhoneNumber == n).Status));
        var limit = (await sns.GetSMSAttributesAsync(new GetSMSAttributesRequest { Attributes = ["MonthlySpendLimit"] })).Attributes!["MonthlySpendLimit"];
        Assert.Equal(250m, decimal.Parse(limit, System.Globalization.CultureInfo.InvariantCulture));
        var pool = (await h.Stack.Aws.Cognito("us-east-1").DescribeUserPoolAsync(new() { UserPoolId = "us-east-1_Checkout1" })).UserPool!;
        Assert.Equal("arn:aws:iam::111122223333:role/sms-onboarding/sms-us-east-1_Checkout1", pool.SmsConfiguration!.SnsCallerArn);
        Assert.Equal("us-east-1", pool.SmsConfiguration.SnsRegion);
        Assert.Equal(2, h.Answers.Count(a => a.StartsWith("verificationCode", StringComparison.Ordinal)));
        Assert.InRange(run.HistoryEvents, 50, 5000);
    }
}
