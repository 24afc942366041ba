using System.Text.Json.Nodes;
using SmsOnboarding.Aws.PinpointSMSVoiceV2.Model;
using SmsOnboarding.Steps.HumanTasks;

namespace SmsOnboarding.EndToEnd.Tests;

/// <summary>US registrations end to end: AWS's order, a registration sent back and fixed by a person, 10DLC brand then campaign.</summary>
public sealed class RegistrationTests
{
    private const string FixedOptIn = "Customers text JOIN to the number, or tick the SMS box on the profile page, and confirm with a code.";

    [Fact]
    public async Task A_toll_free_registration_AWS_sends_back_once_is_edited_by_a_person_resubmitted_as_version_2_and_the_run_completes()
    {
        await using var h = await Harness.StartAsync(Harness.Scenario(s => s with { Reviews = s.Reviews with { RegistrationVersionsSentBack = 1 } }));
        var arn = await h.Stack.StartOnboardingAsync(Harness.Request());
        var prompts = new List<string>();

        var run = await h.RunAsync(arn, task =>
        {
            if (task.Kind != HumanTaskKinds.FixRegistration)
            {
                return h.DefaultAnswer(task);
            }
            prompts.Add(task.Prompt);
            return new JsonObject { ["registration"] = new JsonObject { ["optInType"] = "TEXT" }, ["optInProcess"] = FixedOptIn };
        });

        Assert.True(run.Status == "SUCCEEDED", $"{run.Status} at {run.CurrentStep}: {run.Error}: {run.Cause}");
        Assert.Contains("AWS sent the US registration of us-east-1_Checkout1 back for updates", Assert.Single(prompts), StringComparison.Ordinal);
        Assert.Contains("AWS's reasons: Opt-in process:", prompts[0], StringComparison.Ordinal);
        var sms = h.Stack.Aws.SmsVoice("us-east-1");
        var registration = Assert.Single((await sms.DescribeRegistrationsAsync(new DescribeRegistrationsRequest())).Registrations!);
        Assert.Equal(("COMPLETE", 2, 2, 1), (registration.RegistrationStatus, registration.CurrentVersionNumber, registration.ApprovedVersionNumber, registration.LatestDeniedVersionNumber));
        var version2 = (await sms.DescribeRegistrationFieldValuesAsync(new DescribeRegistrationFieldValuesRequest { RegistrationId = registration.RegistrationId, VersionNumber = 2 }))
            .RegistrationFieldValues!.ToDictionary(v => v.FieldPath!);
        Assert.Equal(["TEXT"], version2["messagingUseCase.optInType"].SelectChoices!);
        Assert.Equal(FixedOptIn, version2["messagingUseCase.optInDescription"].TextValue);
        Assert.Equal("Example Checkout Inc.", version2["companyInfo.companyName"].TextValue);
        Assert.StartsWith("attachment-", version2["messagingUseCase.optInImage"].RegistrationAttachmentId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edits_that_break_the_request_are_asked_for_again_naming_the_problem()
    {
        await using var h = await Harness.StartAsync(Harness.Scenario(s => s with { Reviews = s.Reviews with { RegistrationVersionsSentBack = 1 } }));
        var arn = await h.Stack.StartOnboardingAsync(Harness.Request());
        var prompts = new List<string>();

        var run = await h.RunAsync(arn, task =>
        {
            if (task.Kind != HumanTaskKinds.FixRegistration)
            {
                return h.DefaultAnswer(task);
            }
            prompts.Add(task.Prompt);
            return prompts.Count == 1
                ? new JsonObject { ["registration"] = new JsonObject { ["supportEmail"] = "support at example" } }
                : new JsonObject { ["optInProcess"] = FixedOptIn };
        });

        Assert.True(run.Status == "SUCCEEDED", $"{run.Status} at {run.CurrentStep}: {run.Error}: {run.Cause}");
        Assert.Equal(2, prompts.Count);
        Assert.Contains("The edited answers are not valid: registration.supportEmail:", prompts[1], StringComparison.Ordinal);
        Assert.Contains("AWS's reasons: Opt-in process:", prompts[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_10DLC_onboarding_registers_the_brand_then_a_campaign_associated_with_it_then_the_number_and_completes()
    {
        await using var h = await Harness.StartAsync(Harness.Scenario());
        var arn = await h.Stack.StartOnboardingAsync(Harness.Request(origination: "TenDlc", numbers: ["+12065550101"]));

        var run = await h.RunAsync(arn);

        Assert.True(run.Status == "SUCCEEDED", $"{run.Status} at {run.CurrentStep}: {run.Error}: {run.Cause}");
        var sms = h.Stack.Aws.SmsVoice("us-east-1");
        var registrations = (await sms.DescribeRegistrationsAsync(new DescribeRegistrationsRequest())).Registrations!.OrderBy(r => r.CreatedTimestamp).ToList();
        Assert.Equal(["US_TEN_DLC_BRAND_REGISTRATION", "US_TEN_DLC_CAMPAIGN_REGISTRATION"], registrations.Select(r => r.RegistrationType));
        Assert.All(registrations, r => Assert.Equal("COMPLETE", r.RegistrationStatus));
        Assert.True(registrations[1].CreatedTimestamp >= registrations[0].CreatedTimestamp!.Value.AddHours(100), "the campaign waited for the brand's approval");
        var number = Assert.Single((await sms.DescribePhoneNumbersAsync(new DescribePhoneNumbersRequest())).PhoneNumbers!);
        Assert.Equal(("TEN_DLC", registrations[1].RegistrationId), (number.NumberType, number.RegistrationId));
        Assert.Equal(number.PhoneNumber, (string?)JsonNode.Parse(run.Output!)!["origination"]!["phoneNumber"]);
    }
}
