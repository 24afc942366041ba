using SmsOnboarding.Aws.PinpointSMSVoiceV2;
using SmsOnboarding.Aws.PinpointSMSVoiceV2.Model;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Simulator.Tests.Infrastructure;

namespace SmsOnboarding.Simulator.Tests.Behaviour;

/// <summary>Registration rules from AWS-FACTS-2 §1-2: 10DLC brand before campaign, new versions after a denial, file types.</summary>
public sealed class RegistrationRulesTests
{
    private const string Brand = "US_TEN_DLC_BRAND_REGISTRATION";
    private const string Campaign = "US_TEN_DLC_CAMPAIGN_REGISTRATION";

    [Fact]
    public async Task A_campaign_is_submitted_only_associated_with_a_complete_brand()
    {
        await using var sim = await TestSimulator.StartAsync("""{ "reviews": { "registration": { "delayHours": 48 } } }""");
        using var smsVoice = sim.SmsVoice();
        var brand = await CreateAsync(smsVoice, Brand);
        await RegistrationForm.FillAsync(smsVoice, brand, Brand);
        await smsVoice.SubmitRegistrationVersionAsync(new SubmitRegistrationVersionRequest { RegistrationId = brand });
        var campaign = await CreateAsync(smsVoice, Campaign);
        await RegistrationForm.FillAsync(smsVoice, campaign, Campaign);

        var unassociated = await SubmitFailsAsync(smsVoice, campaign);
        await smsVoice.CreateRegistrationAssociationAsync(new CreateRegistrationAssociationRequest { RegistrationId = campaign, ResourceId = brand });
        var brandUnderReview = await SubmitFailsAsync(smsVoice, campaign);
        sim.Advance(TimeSpan.FromHours(48));
        var submitted = await smsVoice.SubmitRegistrationVersionAsync(new SubmitRegistrationVersionRequest { RegistrationId = campaign });

        Assert.Equal(("ValidationException", "INVALID_REGISTRATION_ASSOCIATION"), (unassociated.ErrorCode, unassociated.Reason));
        Assert.Equal(("ConflictException", "REGISTRATION_NOT_COMPLETE"), (brandUnderReview.ErrorCode, brandUnderReview.Reason));
        Assert.Equal("SUBMITTED", submitted.RegistrationVersionStatus);
    }

    [Fact]
    public async Task Only_a_brand_is_associated_with_a_campaign_and_a_toll_free_registration_takes_no_registration()
    {
        await using var sim = await TestSimulator.StartAsync();
        using var smsVoice = sim.SmsVoice();
        var tollFree = await CreateAsync(smsVoice, "US_TOLL_FREE_REGISTRATION");
        var campaign = await CreateAsync(smsVoice, Campaign);
        var otherCampaign = await CreateAsync(smsVoice, Campaign);

        var intoTollFree = await Assert.ThrowsAsync<AwsServiceException>(() => smsVoice.CreateRegistrationAssociationAsync(
            new CreateRegistrationAssociationRequest { RegistrationId = tollFree, ResourceId = campaign }));
        var campaignIntoCampaign = await Assert.ThrowsAsync<AwsServiceException>(() => smsVoice.CreateRegistrationAssociationAsync(
            new CreateRegistrationAssociationRequest { RegistrationId = campaign, ResourceId = otherCampaign }));

        Assert.Equal("INVALID_REGISTRATION_ASSOCIATION", intoTollFree.Reason);
        Assert.Equal("INVALID_REGISTRATION_ASSOCIATION", campaignIntoCampaign.Reason);
    }

    [Fact]
    public async Task A_denied_version_is_followed_by_an_empty_new_version_that_is_filled_and_resubmitted()
    {
        await using var sim = await TestSimulator.StartAsync("""{ "reviews": { "registration": { "delayHours": 48 }, "registrationVersionsSentBack": 1 } }""");
        using var smsVoice = sim.SmsVoice();
        var brand = await CreateAsync(smsVoice, Brand);
        await RegistrationForm.FillAsync(smsVoice, brand, Brand);
        await smsVoice.SubmitRegistrationVersionAsync(new SubmitRegistrationVersionRequest { RegistrationId = brand });
        var tooEarly = await Assert.ThrowsAsync<AwsServiceException>(() => smsVoice.CreateRegistrationVersionAsync(new CreateRegistrationVersionRequest { RegistrationId = brand }));
        sim.Advance(TimeSpan.FromHours(48));
        var denied = (await smsVoice.DescribeRegistrationVersionsAsync(new DescribeRegistrationVersionsRequest { RegistrationId = brand })).RegistrationVersions![0];
        var edit = await Assert.ThrowsAsync<AwsServiceException>(() => smsVoice.PutRegistrationFieldValueAsync(
            new PutRegistrationFieldValueRequest { RegistrationId = brand, FieldPath = "companyInfo.companyName", TextValue = "Fixed Inc." }));

        var second = await smsVoice.CreateRegistrationVersionAsync(new CreateRegistrationVersionRequest { RegistrationId = brand });
        var emptied = await Assert.ThrowsAsync<AwsServiceException>(() => smsVoice.SubmitRegistrationVersionAsync(new SubmitRegistrationVersionRequest { RegistrationId = brand }));
        await RegistrationForm.FillAsync(smsVoice, brand, Brand);
        await smsVoice.SubmitRegistrationVersionAsync(new SubmitRegistrationVersionRequest { RegistrationId = brand });
        sim.Advance(TimeSpan.FromHours(48));
        var registration = (await smsVoice.DescribeRegistrationsAsync(new DescribeRegistrationsRequest { RegistrationIds = [brand] })).Registrations![0];

        Assert.Equal(("ConflictException", "CREATE_REGISTRATION_VERSION_NOT_ALLOWED"), (tooEarly.ErrorCode, tooEarly.Reason));
        Assert.Equal("DENIED", denied.RegistrationVersionStatus);
        Assert.NotEmpty(denied.DeniedReasons!);
        Assert.Equal("EDIT_REGISTRATION_FIELD_VALUES_NOT_ALLOWED", edit.Reason);
        Assert.Equal(("DRAFT", 2), (second.RegistrationVersionStatus, second.VersionNumber));
        Assert.Equal("FIELD_VALIDATION_FAILED", emptied.Reason);
        Assert.Equal(("COMPLETE", 2, 2, 1), (registration.RegistrationStatus, registration.CurrentVersionNumber, registration.ApprovedVersionNumber, registration.LatestDeniedVersionNumber));
    }

    [Theory]
    [InlineData("R0lGODlhAQABAAAAACw=", "ATTACHMENT_TYPE_NOT_SUPPORTED")]
    [InlineData("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC", null)]
    [InlineData("JVBERi0xLjQK", null)]
    public async Task An_attachment_is_a_PDF_JPEG_or_PNG(string base64, string? refusal)
    {
        await using var sim = await TestSimulator.StartAsync();
        using var smsVoice = sim.SmsVoice();
        var request = new CreateRegistrationAttachmentRequest { AttachmentBody = Convert.FromBase64String(base64) };

        if (refusal is null)
        {
            Assert.Equal("UPLOAD_COMPLETE", (await smsVoice.CreateRegistrationAttachmentAsync(request)).AttachmentStatus);
        }
        else
        {
            Assert.Equal(refusal, (await Assert.ThrowsAsync<AwsServiceException>(() => smsVoice.CreateRegistrationAttachmentAsync(request))).Reason);
        }
    }

    private static async Task<string> CreateAsync(IAmazonPinpointSMSVoiceV2 smsVoice, string type) =>
        (await smsVoice.CreateRegistrationAsync(new CreateRegistrationRequest { RegistrationType = type })).RegistrationId!;

    private static Task<AwsServiceException> SubmitFailsAsync(IAmazonPinpointSMSVoiceV2 smsVoice, string id) =>
        Assert.ThrowsAsync<AwsServiceException>(() => smsVoice.SubmitRegistrationVersionAsync(new SubmitRegistrationVersionRequest { RegistrationId = id }));
}
