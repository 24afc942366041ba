using SmsOnboarding.Aws.PinpointSMSVoiceV2.Model;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Aws.SimpleNotificationService.Model;
using SmsOnboarding.Simulator.Tests.Infrastructure;

namespace SmsOnboarding.Simulator.Tests.Behaviour;

public sealed class SandboxRulesTests
{
    private static string Phone(int i) => $"+120655501{i:D2}";

    [Fact]
    public async Task Sandbox_holds_at_most_ten_numbers()
    {
        await using var sim = await TestSimulator.StartAsync();
        using var sns = sim.Sns();
        for (var i = 0; i < 10; i++)
        {
            await sns.CreateSMSSandboxPhoneNumberAsync(new CreateSMSSandboxPhoneNumberRequest { PhoneNumber = Phone(i) });
        }
        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            sns.CreateSMSSandboxPhoneNumberAsync(new CreateSMSSandboxPhoneNumberRequest { PhoneNumber = Phone(10) }));
        Assert.Equal("UserError", error.ErrorCode);
        var listed = await sns.ListSMSSandboxPhoneNumbersAsync(new ListSMSSandboxPhoneNumbersRequest());
        Assert.Equal(10, listed.PhoneNumbers!.Count);
        Assert.All(listed.PhoneNumbers, n => Assert.Equal("Pending", n.Status));
    }

    [Fact]
    public async Task Code_is_sent_at_most_five_times_per_number_in_24_hours()
    {
        await using var sim = await TestSimulator.StartAsync();
        using var sns = sim.Sns();
        var request = new CreateSMSSandboxPhoneNumberRequest { PhoneNumber = Phone(1) };
        for (var i = 0; i < 5; i++)
        {
            await sns.CreateSMSSandboxPhoneNumberAsync(request);
            sim.Advance(TimeSpan.FromHours(1));
        }
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => sns.CreateSMSSandboxPhoneNumberAsync(request));
        Assert.Equal("UserError", error.ErrorCode);
        Assert.Equal(5, sim.Account.MessagesTo(Phone(1)).Count);

        sim.Advance(TimeSpan.FromHours(20)); // the first send is now more than 24 h old
        await sns.CreateSMSSandboxPhoneNumberAsync(request);
        Assert.Equal(6, sim.Account.MessagesTo(Phone(1)).Count);
    }

    [Fact]
    public async Task Wrong_code_is_rejected_and_only_the_latest_code_verifies()
    {
        await using var sim = await TestSimulator.StartAsync();
        using var sns = sim.Sns();
        var request = new CreateSMSSandboxPhoneNumberRequest { PhoneNumber = Phone(2) };
        await sns.CreateSMSSandboxPhoneNumberAsync(request);
        var first = await Inbox.LatestOtpAsync(sim.BaseUri, Phone(2));
        await sns.CreateSMSSandboxPhoneNumberAsync(request);
        var second = await Inbox.LatestOtpAsync(sim.BaseUri, Phone(2));

        if (first != second)
        {
            var stale = await Assert.ThrowsAsync<AwsServiceException>(() =>
                sns.VerifySMSSandboxPhoneNumberAsync(new VerifySMSSandboxPhoneNumberRequest { PhoneNumber = Phone(2), OneTimePassword = first }));
            Assert.Equal("VerificationException", stale.ErrorCode);
        }
        var wrong = await Assert.ThrowsAsync<AwsServiceException>(() =>
            sns.VerifySMSSandboxPhoneNumberAsync(new VerifySMSSandboxPhoneNumberRequest { PhoneNumber = Phone(2), OneTimePassword = "99999999" }));
        Assert.Equal("VerificationException", wrong.ErrorCode);
        Assert.Equal("Pending", (await sns.ListSMSSandboxPhoneNumbersAsync(new ListSMSSandboxPhoneNumbersRequest())).PhoneNumbers![0].Status);

        await sns.VerifySMSSandboxPhoneNumberAsync(new VerifySMSSandboxPhoneNumberRequest { PhoneNumber = Phone(2), OneTimePassword = second });
        Assert.Equal("Verified", (await sns.ListSMSSandboxPhoneNumbersAsync(new ListSMSSandboxPhoneNumbersRequest())).PhoneNumbers![0].Status);
    }

    [Fact]
    public async Task Pending_number_can_be_deleted_only_24_hours_after_the_last_attempt()
    {
        await using var sim = await TestSimulator.StartAsync();
        using var sns = sim.Sns();
        await sns.CreateSMSSandboxPhoneNumberAsync(new CreateSMSSandboxPhoneNumberRequest { PhoneNumber = Phone(3) });
        sim.Advance(TimeSpan.FromHours(23));
        await Assert.ThrowsAsync<AwsServiceException>(() =>
            sns.VerifySMSSandboxPhoneNumberAsync(new VerifySMSSandboxPhoneNumberRequest { PhoneNumber = Phone(3), OneTimePassword = "00000000" }));
        sim.Advance(TimeSpan.FromHours(2)); // 25 h after the send, but only 2 h after the last attempt
        var early = await Assert.ThrowsAsync<AwsServiceException>(() =>
            sns.DeleteSMSSandboxPhoneNumberAsync(new DeleteSMSSandboxPhoneNumberRequest { PhoneNumber = Phone(3) }));
        Assert.Equal("UserError", early.ErrorCode);
        sim.Advance(TimeSpan.FromHours(22));
        await sns.DeleteSMSSandboxPhoneNumberAsync(new DeleteSMSSandboxPhoneNumberRequest { PhoneNumber = Phone(3) });
        var missing = await Assert.ThrowsAsync<AwsServiceException>(() =>
            sns.DeleteSMSSandboxPhoneNumberAsync(new DeleteSMSSandboxPhoneNumberRequest { PhoneNumber = Phone(3) }));
        Assert.Equal("ResourceNotFound", missing.ErrorCode);
    }

    [Fact]
    public async Task Approved_sandbox_exit_case_flips_only_its_region_for_sns_and_sms_voice()
    {
        await using var sim = await TestSimulator.StartAsync();
        sim.Account.FileCaseInSupportCenter("Exit SMS sandbox", "Limit type: SNS Text Messaging. Region: us-west-2. Limit: Exit SMS Sandbox. Use case: sign-in codes.");
        using var west = sim.Sns("us-west-2");
        using var east = sim.Sns();
        sim.Advance(TimeSpan.FromHours(25));
        Assert.True((await west.GetSMSSandboxAccountStatusAsync(new GetSMSSandboxAccountStatusRequest())).IsInSandbox);

        sim.Advance(TimeSpan.FromHours(1));
        Assert.False((await west.GetSMSSandboxAccountStatusAsync(new GetSMSSandboxAccountStatusRequest())).IsInSandbox);
        Assert.True((await east.GetSMSSandboxAccountStatusAsync(new GetSMSSandboxAccountStatusRequest())).IsInSandbox);
        using var smsVoice = sim.SmsVoice("us-west-2");
        var tier = await smsVoice.DescribeAccountAttributesAsync(new DescribeAccountAttributesRequest());
        Assert.Equal("PRODUCTION", tier.AccountAttributes!.Single(a => a.Name == "ACCOUNT_TIER").Value);
    }

    [Fact]
    public async Task Spend_limit_above_the_approved_quota_is_rejected_until_a_spend_increase_is_approved()
    {
        await using var sim = await TestSimulator.StartAsync();
        using var sns = sim.Sns();
        var raise = new SetSMSAttributesRequest { Attributes = new() { ["MonthlySpendLimit"] = "100" } };
        var rejected = await Assert.ThrowsAsync<AwsServiceException>(() => sns.SetSMSAttributesAsync(raise));
        Assert.Equal("InvalidParameter", rejected.ErrorCode);

        sim.Account.FileCaseInSupportCenter("SNS Text Messaging: spend limit increase",
            "Region: us-east-1. Resource type: General Limits. New limit value: 100 USD per month. Use case: one-time passwords.");
        sim.Advance(TimeSpan.FromHours(48));
        Assert.Equal(100m, sim.Account.ApprovedSpendQuotaUsd("us-east-1"));
        await sns.SetSMSAttributesAsync(raise);
        var attributes = await sns.GetSMSAttributesAsync(new GetSMSAttributesRequest());
        Assert.Equal("100", attributes.Attributes!["MonthlySpendLimit"]);
    }

    [Fact]
    public async Task Messages_beyond_the_monthly_spend_limit_are_accepted_but_not_delivered()
    {
        await using var sim = await TestSimulator.StartAsync(await File.ReadAllTextAsync(ScenarioFiles.Path("production-with-origination.json")));
        using var sns = sim.Sns();
        await sns.SetSMSAttributesAsync(new SetSMSAttributesRequest { Attributes = new() { ["MonthlySpendLimit"] = "0" } });
        var published = await sns.PublishAsync(new PublishRequest { PhoneNumber = "+12065550150", Message = "hello" });
        Assert.False(string.IsNullOrEmpty(published.MessageId));
        Assert.Empty(sim.Account.MessagesTo("+12065550150"));
        Assert.Equal("No quota left for account", sim.Account.DeliveryLog().Single().StatusMessage);
    }
}
