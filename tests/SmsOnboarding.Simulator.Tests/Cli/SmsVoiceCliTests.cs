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
    public async Task Toll_free_form_is_AWS_s_and_a_registration_is_refused_until_complete_and_associated_then_completes_through_the_cli()
    {
        await using var sim = await TestSimulator.StartAsync();
        var cli = sim.Cli;
        var registration = (await cli.RunAsync("pinpoint-sms-voice-v2", "create-registration", "--registration-type", "US_TOLL_FREE_REGISTRATION")).Succeeded().Json;
        var registrationId = registration["RegistrationId"]!.GetValue<string>();
        Assert.Equal("CREATED", registration["RegistrationStatus"]!.GetValue<string>());

        var form = (await cli.RunAsync("pinpoint-sms-voice-v2", "describe-registration-field-definitions", "--registration-type", "US_TOLL_FREE_REGISTRATION"))
            .Succeeded().Json["RegistrationFieldDefinitions"]!.AsArray().Select(f => f!.AsObject()).ToList();
        Assert.Equal(TollFreeForm, form.Select(f => $"{f["FieldPath"]} {f["FieldType"]} {f["FieldRequirement"]}"));
        Assert.Equal(["companyInfo", "contactInfo", "messagingUseCase", "messageSamples"], form.Select(f => f["SectionPath"]!.GetValue<string>()).Distinct());
        Assert.Equal(11, Options(form, "messagingUseCase.monthlyMessageVolume").Count);
        Assert.Equal(["PRIVATE_PROFIT", "PUBLIC_PROFIT", "NON_PROFIT", "SOLE_PROPRIETOR", "GOVERNMENT"], Options(form, "companyInfo.businessType"));
        Assert.Equal(["VERBAL", "DIGITAL_FORM", "PAPER_FORM", "TEXT", "QR_CODE"], Options(form, "messagingUseCase.optInType"));
        var companyName = form.Single(f => f["FieldPath"]!.GetValue<string>() == "companyInfo.companyName")["TextValidation"]!;
        Assert.Equal((1, 100), (companyName["MinLength"]!.GetValue<int>(), companyName["MaxLength"]!.GetValue<int>()));

        foreach (var field in form.Where(f => f["FieldRequirement"]!.GetValue<string>() == "REQUIRED" && f["FieldType"]!.GetValue<string>() != "ATTACHMENT"))
        {
            var path = field["FieldPath"]!.GetValue<string>();
            var value = field["FieldType"]!.GetValue<string>() == "SELECT"
                ? new[] { "--select-choices", field["SelectValidation"]!["Options"]![0]!.GetValue<string>() }
                : ["--text-value", new string('a', Math.Max(field["TextValidation"]!["MinLength"]!.GetValue<int>(), Math.Min(field["TextValidation"]!["MaxLength"]!.GetValue<int>(), 25)))];
            (await cli.RunAsync(["pinpoint-sms-voice-v2", "put-registration-field-value", "--registration-id", registrationId, "--field-path", path, .. value])).Succeeded();
        }
        (await cli.RunAsync("pinpoint-sms-voice-v2", "put-registration-field-value", "--registration-id", registrationId,
            "--field-path", "companyInfo.unknownField", "--text-value", "x")).FailedWith("ValidationException");
        (await cli.RunAsync("pinpoint-sms-voice-v2", "put-registration-field-value", "--registration-id", registrationId,
            "--field-path", "messagingUseCase.useCaseDetails", "--text-value", "Too short")).FailedWith("ValidationException");

        // A PRIVATE_PROFIT company owes its tax id (CONDITIONAL) and the screenshot is still missing.
        var incomplete = (await cli.RunAsync("pinpoint-sms-voice-v2", "submit-registration-version", "--registration-id", registrationId)).FailedWith("ValidationException");
        Assert.Contains("Required fields have no value: companyInfo.companyIdNumber, companyInfo.companyIdType, companyInfo.companyIdCountry, messagingUseCase.optInImage.",
            incomplete.Stderr, StringComparison.Ordinal);
        (await cli.RunAsync("pinpoint-sms-voice-v2", "put-registration-field-value", "--registration-id", registrationId,
            "--field-path", "companyInfo.businessType", "--select-choices", "SOLE_PROPRIETOR")).Succeeded();
        var attachment = (await cli.RunAsync("pinpoint-sms-voice-v2", "create-registration-attachment", "--attachment-url", "s3://example-bucket/opt-in.png"))
            .Succeeded().Json["RegistrationAttachmentId"]!.GetValue<string>();
        (await cli.RunAsync("pinpoint-sms-voice-v2", "put-registration-field-value", "--registration-id", registrationId,
            "--field-path", "messagingUseCase.optInImage", "--registration-attachment-id", attachment)).Succeeded();

        // ASSOCIATE_BEFORE_SUBMIT: the toll-free number first.
        var unassociated = (await cli.RunAsync("pinpoint-sms-voice-v2", "submit-registration-version", "--registration-id", registrationId)).FailedWith("ValidationException");
        Assert.Contains("call CreateRegistrationAssociation first", unassociated.Stderr, StringComparison.Ordinal);
        var number = (await cli.RunAsync("pinpoint-sms-voice-v2", "request-phone-number", "--iso-country-code", "US", "--message-type", "TRANSACTIONAL",
            "--number-capabilities", "SMS", "--number-type", "TOLL_FREE")).Succeeded().Json;
        Assert.Equal("PENDING", number["Status"]!.GetValue<string>());
        var numberId = number["PhoneNumberId"]!.GetValue<string>();
        var association = (await cli.RunAsync("pinpoint-sms-voice-v2", "create-registration-association", "--registration-id", registrationId, "--resource-id", numberId)).Succeeded().Json;
        Assert.Equal("phone-number", association["ResourceType"]!.GetValue<string>());
        var submitted = (await cli.RunAsync("pinpoint-sms-voice-v2", "submit-registration-version", "--registration-id", registrationId)).Succeeded().Json;
        Assert.Equal("SUBMITTED", submitted["RegistrationVersionStatus"]!.GetValue<string>());

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

    // AWS's US toll-free registration form (shared/AWS-FACTS-2.md §1), in AWS's order.
    private static readonly string[] TollFreeForm =
    [
        "companyInfo.companyName TEXT REQUIRED", "companyInfo.website TEXT REQUIRED", "companyInfo.address1 TEXT REQUIRED",
        "companyInfo.address2 TEXT OPTIONAL", "companyInfo.city TEXT REQUIRED", "companyInfo.state TEXT REQUIRED",
        "companyInfo.zipCode TEXT REQUIRED", "companyInfo.isoCountryCode TEXT REQUIRED", "companyInfo.businessType SELECT REQUIRED",
        "companyInfo.companyIdNumber TEXT CONDITIONAL", "companyInfo.companyIdType SELECT CONDITIONAL", "companyInfo.companyIdCountry TEXT CONDITIONAL",
        "contactInfo.firstName TEXT REQUIRED", "contactInfo.lastName TEXT REQUIRED", "contactInfo.supportEmail TEXT REQUIRED",
        "contactInfo.supportPhoneNumber TEXT REQUIRED", "messagingUseCase.monthlyMessageVolume SELECT REQUIRED",
        "messagingUseCase.useCaseCategory SELECT REQUIRED", "messagingUseCase.useCaseDetails TEXT REQUIRED",
        "messagingUseCase.optInType SELECT REQUIRED", "messagingUseCase.optInDescription TEXT REQUIRED",
        "messagingUseCase.optInImage ATTACHMENT REQUIRED", "messagingUseCase.privacyPolicyUrl TEXT REQUIRED",
        "messagingUseCase.termsAndConditionsUrl TEXT REQUIRED", "messageSamples.messageSample1 TEXT REQUIRED",
        "messageSamples.messageSample2 TEXT OPTIONAL", "messageSamples.messageSample3 TEXT OPTIONAL",
    ];

    private static List<string> Options(List<System.Text.Json.Nodes.JsonObject> form, string path) =>
        [.. form.Single(f => f["FieldPath"]!.GetValue<string>() == path)["SelectValidation"]!["Options"]!.AsArray().Select(o => o!.GetValue<string>())];
}
