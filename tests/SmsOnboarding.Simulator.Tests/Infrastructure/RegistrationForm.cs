using SmsOnboarding.Aws.PinpointSMSVoiceV2;
using SmsOnboarding.Aws.PinpointSMSVoiceV2.Model;

namespace SmsOnboarding.Simulator.Tests.Infrastructure;

/// <summary>Answers every REQUIRED field of a registration's form with a value its validation takes (first option, shortest text).</summary>
internal static class RegistrationForm
{
    public static async Task FillAsync(IAmazonPinpointSMSVoiceV2 smsVoice, string registrationId, string type, params string[] skip)
    {
        var form = (await smsVoice.DescribeRegistrationFieldDefinitionsAsync(new DescribeRegistrationFieldDefinitionsRequest { RegistrationType = type })).RegistrationFieldDefinitions!;
        foreach (var field in form.Where(f => f.FieldRequirement == "REQUIRED" && !skip.Contains(f.FieldPath)))
        {
            var request = new PutRegistrationFieldValueRequest { RegistrationId = registrationId, FieldPath = field.FieldPath };
            switch (field.FieldType)
            {
                case "SELECT":
                    request.SelectChoices = [field.SelectValidation!.Options![0]];
                    break;
                case "ATTACHMENT":
                    request.RegistrationAttachmentId = (await smsVoice.CreateRegistrationAttachmentAsync(
                        new CreateRegistrationAttachmentRequest { AttachmentUrl = "s3://example-bucket/opt-in.png" })).RegistrationAttachmentId;
                    break;
                default:
                    request.TextValue = new string('a', Math.Max(field.TextValidation!.MinLength ?? 1, Math.Min(field.TextValidation.MaxLength ?? 25, 25)));
                    break;
            }
            await smsVoice.PutRegistrationFieldValueAsync(request);
        }
    }
}
