using SmsOnboarding.Aws.PinpointSMSVoiceV2;
using SmsOnboarding.Aws.PinpointSMSVoiceV2.Model;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Domain.Requests;
using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.Handlers;

namespace SmsOnboarding.Steps.AdvanceOrigination;

/// <summary>
/// Fills one registration version the way AWS orders it (shared/AWS-FACTS-2.md §1): read the live form, upload
/// the opt-in screenshot when the form takes one, answer every field the request answers, then associate and submit.
/// Every call is safe to repeat on a draft: a value is overwritten, an association or submission already made is success.
/// </summary>
internal static class RegistrationFiling
{
    public static async Task FillAsync(IAmazonPinpointSMSVoiceV2 sms, OriginationInput input, string registrationId, string type, CancellationToken ct)
    {
        var definitions = await AwsCall.Run("Reading the registration form", () => sms.DescribeRegistrationFieldDefinitionsAllAsync(
            new DescribeRegistrationFieldDefinitionsRequest { RegistrationType = type }, ct).ToListAsync(ct).AsTask()).ConfigureAwait(false);
        var attachmentId = definitions.Any(d => d.FieldType == "ATTACHMENT") && input.Request.Registration?.OptInScreenshot is { } screenshot
            ? await UploadAsync(sms, screenshot, ct).ConfigureAwait(false)
            : null;
        var unanswered = new List<string>();
        foreach (var field in definitions.Where(d => d.FieldPath is not null))
        {
            var (text, choice, attachment) = RegistrationAnswers.For(field, input.Request, attachmentId);
            if (text is null && choice is null && attachment is null)
            {
                if (field.FieldRequirement == "REQUIRED")
                {
                    unanswered.Add($"'{field.DisplayHints?.Title ?? field.FieldPath}' ({field.FieldPath})");
                }

                continue;
            }

            await AwsCall.Run($"Filling registration field {field.FieldPath}", () => sms.PutRegistrationFieldValueAsync(new PutRegistrationFieldValueRequest
            {
                RegistrationId = registrationId,
                FieldPath = field.FieldPath,
                TextValue = text,
                SelectChoices = choice is null ? null : [choice],
                RegistrationAttachmentId = attachment,
            }, ct)).ConfigureAwait(false);
        }

        if (unanswered.Count > 0)
        {
            throw StepException.Failed($"The {type} form requires {string.Join(", ", unanswered)}, which the onboarding request does not answer. Fill them in the End User Messaging console for registration {registrationId}, submit it, then redrive.");
        }
    }

    public static Task AssociateAsync(IAmazonPinpointSMSVoiceV2 sms, string registrationId, string resourceId, CancellationToken ct) =>
        IgnoreConflict(() => sms.CreateRegistrationAssociationAsync(
            new CreateRegistrationAssociationRequest { RegistrationId = registrationId, ResourceId = resourceId }, ct), "Associating the registration");

    public static Task SubmitAsync(IAmazonPinpointSMSVoiceV2 sms, string registrationId, CancellationToken ct) =>
        IgnoreConflict(() => sms.SubmitRegistrationVersionAsync(new SubmitRegistrationVersionRequest { RegistrationId = registrationId }, ct), "Submitting the registration");

    private static async Task<string> UploadAsync(IAmazonPinpointSMSVoiceV2 sms, string screenshot, CancellationToken ct)
    {
        var uploaded = await AwsCall.Run("Uploading the opt-in screenshot", () => sms.CreateRegistrationAttachmentAsync(new CreateRegistrationAttachmentRequest
        {
            AttachmentBody = Screenshots.Content(screenshot),
            AttachmentUrl = Screenshots.IsS3Url(screenshot) ? screenshot : null,
        }, ct)).ConfigureAwait(false);
        // A reference to an attachment still uploading is refused; the step's retry asks again (AWS-FACTS-2 §1, ATK).
        return uploaded.AttachmentStatus switch
        {
            "UPLOAD_COMPLETE" => uploaded.RegistrationAttachmentId ?? throw StepException.Failed("CreateRegistrationAttachment returned no RegistrationAttachmentId."),
            "UPLOAD_FAILED" => throw StepException.Failed($"AWS could not read the opt-in screenshot; fix registration.optInScreenshot and submit a new onboarding."),
            var status => throw StepException.Transient($"The opt-in screenshot upload is {status ?? "in an unknown state"}."),
        };
    }

    // A retry finds the association or submission already done: that is success.
    private static async Task IgnoreConflict<T>(Func<Task<T>> call, string what)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.Is("ConflictException") && e.Reason is "REGISTRATION_ALREADY_SUBMITTED" or "RESOURCE_ALREADY_ASSOCIATED" or "ASSOCIATION_ALREADY_EXISTS")
        {
        }
        catch (AwsServiceException e)
        {
            throw AwsCall.ToStepException(what, e);
        }
    }
}
