using SmsOnboarding.Simulator.Tests.Infrastructure;

namespace SmsOnboarding.Simulator.Tests.Cli;

/// <summary>Every SNS operation through the real aws CLI.</summary>
public sealed class SnsCliTests
{
    private const string Phone = "+12065550101";

    [Fact]
    public async Task Sandbox_number_is_added_verified_listed_and_deleted_through_the_cli()
    {
        await using var sim = await TestSimulator.StartAsync();
        var cli = sim.Cli;

        var status = (await cli.RunAsync("sns", "get-sms-sandbox-account-status")).Succeeded().Json;
        Assert.True(status["IsInSandbox"]!.GetValue<bool>());

        (await cli.RunAsync("sns", "create-sms-sandbox-phone-number", "--phone-number", Phone, "--language-code", "en-US")).Succeeded();
        var otp = await Inbox.LatestOtpAsync(sim.BaseUri, Phone);
        Assert.Matches("^[0-9]{6}$", otp);

        var wrong = otp == "000000" ? "111111" : "000000";
        (await cli.RunAsync("sns", "verify-sms-sandbox-phone-number", "--phone-number", Phone, "--one-time-password", wrong))
            .FailedWith("VerificationException");
        (await cli.RunAsync("sns", "verify-sms-sandbox-phone-number", "--phone-number", Phone, "--one-time-password", otp)).Succeeded();

        var listed = (await cli.RunAsync("sns", "list-sms-sandbox-phone-numbers")).Succeeded().Json;
        Assert.Equal(Phone, listed["PhoneNumbers"]![0]!["PhoneNumber"]!.GetValue<string>());
        Assert.Equal("Verified", listed["PhoneNumbers"]![0]!["Status"]!.GetValue<string>());

        (await cli.RunAsync("sns", "delete-sms-sandbox-phone-number", "--phone-number", Phone)).FailedWith("UserError");
        sim.Advance(TimeSpan.FromHours(24));
        (await cli.RunAsync("sns", "delete-sms-sandbox-phone-number", "--phone-number", Phone)).Succeeded();
        var empty = (await cli.RunAsync("sns", "list-sms-sandbox-phone-numbers")).Succeeded().Json;
        Assert.Empty(empty["PhoneNumbers"]!.AsArray());
    }

    [Fact]
    public async Task Sms_attributes_origination_numbers_and_publish_work_through_the_cli()
    {
        await using var sim = await TestSimulator.StartAsync(await File.ReadAllTextAsync(ScenarioFiles.Path("production-with-origination.json")));
        var cli = sim.Cli;

        var attributes = (await cli.RunAsync("sns", "get-sms-attributes", "--attributes", "MonthlySpendLimit")).Succeeded().Json;
        Assert.Equal("100", attributes["attributes"]!["MonthlySpendLimit"]!.GetValue<string>());

        (await cli.RunAsync("sns", "set-sms-attributes", "--attributes", "MonthlySpendLimit=500,DefaultSMSType=Transactional")).Succeeded();
        (await cli.RunAsync("sns", "set-sms-attributes", "--attributes", "MonthlySpendLimit=501")).FailedWith("InvalidParameter");
        var all = (await cli.RunAsync("sns", "get-sms-attributes")).Succeeded().Json;
        Assert.Equal("500", all["attributes"]!["MonthlySpendLimit"]!.GetValue<string>());
        Assert.Equal("Transactional", all["attributes"]!["DefaultSMSType"]!.GetValue<string>());

        var numbers = (await cli.RunAsync("sns", "list-origination-numbers")).Succeeded().Json;
        Assert.Equal("+18445550100", numbers["PhoneNumbers"]![0]!["PhoneNumber"]!.GetValue<string>());
        Assert.Equal("US", numbers["PhoneNumbers"]![0]!["Iso2CountryCode"]!.GetValue<string>());

        var published = (await cli.RunAsync("sns", "publish", "--phone-number", "+12065550177", "--message", "Your code is 123456")).Succeeded().Json;
        Assert.False(string.IsNullOrEmpty(published["MessageId"]!.GetValue<string>()));
        var inbox = await Inbox.ReadAsync(sim.BaseUri, "+12065550177");
        Assert.Equal("+18445550100", inbox[0]!["from"]!.GetValue<string>());
        Assert.Equal("Your code is 123456", inbox[0]!["body"]!.GetValue<string>());
        Assert.Equal(TestSimulator.Start, inbox[0]!["sentAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Publish_to_an_unverified_number_in_the_sandbox_is_refused()
    {
        await using var sim = await TestSimulator.StartAsync();
        (await sim.Cli.RunAsync("sns", "publish", "--phone-number", "+12065550102", "--message", "hello")).FailedWith("AuthorizationError");
        Assert.Empty(await Inbox.ReadAsync(sim.BaseUri, "+12065550102"));
    }
}
