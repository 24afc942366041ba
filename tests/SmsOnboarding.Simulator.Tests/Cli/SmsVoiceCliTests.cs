using SmsOnboarding.Simulator.Tests.Infrastructure;

namespace SmsOnboarding.Simulator.Tests.Cli;

public sealed class SmsVoiceCliTests
{
    [Fact]
    public async Task Account_tier_and_spend_limits_mirror_the_sns_account_through_the_cli()
    {
        await using var sim = await TestSimulator.StartAsync();
        var attributes = (await sim.Cli.RunAsync("pinpoint-sms-voice-v2", "describe-account-attributes")).Succeeded().Json;
        Assert.Equal("SANDBOX", attributes["AccountAttributes"]![0]!["Value"]!.GetValue<string>());
        var limits = (await sim.Cli.RunAsync("pinpoint-sms-voice-v2", "describe-spend-limits")).Succeeded().Json["SpendLimits"]!.AsArray();
        var text = limits.Single(l => l!["Name"]!.GetValue<string>() == "TEXT_MESSAGE_MONTHLY_SPEND_LIMIT")!;
        Assert.Equal(1, text["EnforcedLimit"]!.GetValue<long>());
        Assert.Equal(1, text["MaxLimit"]!.GetValue<long>());
    }

    [Fact]
    public async Task Toll_free_registration_completes_and_requested_number_becomes_active_through_the_cli()
    {
        await using var sim = await TestSimulator.StartAsync();
        var cli = sim.Cli;
        var registration = (await cli.RunAsync("pinpoint-sms-voice-v2", "create-registration", "--registration-type", "US_TOLL_FREE_REGISTRATION")).Succeeded().Json;
        var registrationId = registration["RegistrationId"]!.GetValue<string>();
        Assert.Equal("CREATED", registration["RegistrationStatus"]!.GetValue<string>());

        var form = (await cli.RunAsync("pinpoint-sms-voice-v2", "describe-registration-field-definitions", "--registration-type", "US_TOLL_FREE_REGISTRATION"))
            .Succeeded().Json["RegistrationFieldDefinitions"]!.AsArray();
        foreach (var field in form.Where(f => f!["FieldRequirement"]!.GetValue<string>() == "REQUIRED"))
        {
            var path = field!["FieldPath"]!.GetValue<string>();
            var value = field["FieldType"]!.GetValue<string>() == "SELECT"
                ? new[] { "--select-choices", field["SelectValidation"]!["Options"]![0]!.GetValue<string>() }
                : ["--text-value", "Example value for " + path];
            (await cli.RunAsync(["pinpoint-sms-voice-v2", "put-registration-field-value", "--registration-id", registrationId, "--field-path", path, .. value])).Succeeded();
        }
        var attachment = (await cli.RunAsync("pinpoint-sms-voice-v2", "create-registration-attachment", "--attachment-url", "s3://example-bucket/opt-in.png"))
            .Succeeded().Json["RegistrationAttachmentId"]!.GetValue<string>();
        (await cli.RunAsync("pinpoint-sms-voice-v2", "put-registration-field-value", "--registration-id", registrationId,
            "--field-path", "messagingUseCase.optInImage", "--registration-attachment-id", attachment)).Succeeded();
        (await cli.RunAsync("pinpoint-sms-voice-v2", "put-registration-field-value", "--registration-id", registrationId,
            "--field-path", "companyInfo.unknownField", "--text-value", "x")).FailedWith("ValidationException");
        var submitted = (await cli.RunAsync("pinpoint-sms-voice-v2", "submit-registration-version", "--registration-id", registrationId)).Succeeded().Json;
        Assert.Equal("SUBMITTED", submitted["RegistrationVersionStatus"]!.GetValue<string>());

        var number = (await cli.RunAsync("pinpoint-sms-voice-v2", "request-phone-number", "--iso-country-code", "US", "--message-type", "TRANSACTIONAL",
            "--number-capabilities", "SMS", "--number-type", "TOLL_FREE", "--registration-id", registrationId)).Succeeded().Json;
        Assert.Equal("PENDING", number["Status"]!.GetValue<string>());
        var numberId = number["PhoneNumberId"]!.GetValue<string>();

        sim.Advance(TimeSpan.FromHours(120));
        var registrations = (await cli.RunAsync("pinpoint-sms-voice-v2", "describe-registrations", "--registration-ids", registrationId)).Succeeded().Json;
        Assert.Equal("COMPLETE", registrations["Registrations"]![0]!["RegistrationStatus"]!.GetValue<string>());
        var versions = (await cli.RunAsync("pinpoint-sms-voice-v2", "describe-registration-versions", "--registration-id", registrationId)).Succeeded().Json;
        Assert.Equal("APPROVED", versions["RegistrationVersions"]![0]!["RegistrationVersionStatus"]!.GetValue<string>());
        var numbers = (await cli.RunAsync("pinpoint-sms-voice-v2", "describe-phone-numbers", "--phone-number-ids", numberId)).Succeeded().Json;
        Assert.Equal("ACTIVE", numbers["PhoneNumbers"]![0]!["Status"]!.GetValue<string>());

        var listed = (await cli.RunAsync("sns", "list-origination-numbers")).Succeeded().Json;
        Assert.Equal(number["PhoneNumber"]!.GetValue<string>(), listed["PhoneNumbers"]![0]!["PhoneNumber"]!.GetValue<string>());
        (await cli.RunAsync("pinpoint-sms-voice-v2", "request-phone-number", "--iso-country-code", "US", "--message-type", "TRANSACTIONAL",
            "--number-capabilities", "SMS", "--number-type", "TEN_DLC")).FailedWith("ValidationException");
    }
}
