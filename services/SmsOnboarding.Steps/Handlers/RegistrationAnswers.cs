using SmsOnboarding.Aws.PinpointSMSVoiceV2.Model;
using SmsOnboarding.Domain.Requests;
using MessageType = SmsOnboarding.Domain.Requests.MessageType;

namespace SmsOnboarding.Steps.Handlers;

/// <summary>
/// Answers the fields of AWS's US toll-free, 10DLC brand and 10DLC campaign forms from the onboarding request, by
/// field path (shared/AWS-FACTS-2.md §1-2). Where sources disagree on a path, both spellings are answered. A field
/// the table does not know, or a choice the live form does not offer, gets no answer: the caller then names it.
/// </summary>
public static class RegistrationAnswers
{
    private delegate string? Answer(OnboardingRequest request, RegistrationDetails details, string? attachmentId);

    private static readonly Dictionary<string, Answer> Table = new(StringComparer.Ordinal)
    {
        // Toll-free: companyInfo, contactInfo, messagingUseCase, messageSamples.
        ["companyInfo.companyName"] = (_, d, _) => d.CompanyName,
        ["companyInfo.website"] = (r, _, _) => r.WebsiteUrl,
        ["companyInfo.address1"] = (_, d, _) => d.Street,
        ["companyInfo.address2"] = (_, d, _) => d.Street2,
        ["companyInfo.city"] = (_, d, _) => d.City,
        ["companyInfo.state"] = (_, d, _) => d.State,
        ["companyInfo.zipCode"] = (_, d, _) => d.PostalCode,
        ["companyInfo.isoCountryCode"] = (_, d, _) => d.Country,
        ["companyInfo.country"] = (_, d, _) => d.Country,
        ["companyInfo.businessType"] = (_, d, _) => d.BusinessType,
        ["companyInfo.companyIdNumber"] = (_, d, _) => d.TaxId,
        ["companyInfo.companyIdType"] = (_, d, _) => d.TaxId is null ? null : d.TaxIdType,
        ["companyInfo.companyIdCountry"] = (_, d, _) => d.TaxId is null ? null : d.Country,
        ["contactInfo.firstName"] = (_, d, _) => d.ContactFirstName,
        ["contactInfo.lastName"] = (_, d, _) => d.ContactLastName,
        ["contactInfo.supportEmail"] = (_, d, _) => d.SupportEmail,
        ["contactInfo.supportPhoneNumber"] = (_, d, _) => d.SupportPhone,
        ["messagingUseCase.monthlyMessageVolume"] = (_, d, _) => d.MonthlyVolume,
        ["messagingUseCase.useCaseCategory"] = (r, _, _) => r.MessageType switch
        {
            MessageType.OneTimePassword => "TWO_FACTOR_AUTHENTICATION",
            MessageType.Promotional => "MARKETING",
            _ => "ACCOUNT_NOTIFICATIONS",
        },
        ["messagingUseCase.useCaseDetails"] = (r, _, _) => r.UseCase,
        ["messagingUseCase.optInType"] = (_, d, _) => d.OptInType,
        ["messagingUseCase.optInDescription"] = (r, _, _) => r.OptInProcess,
        ["messagingUseCase.optInWorkflow"] = (r, _, _) => r.OptInProcess,
        ["messagingUseCase.optInImage"] = (_, _, a) => a,
        ["messagingUseCase.privacyPolicyUrl"] = (_, d, _) => d.PrivacyPolicyUrl,
        ["messagingUseCase.termsAndConditionsUrl"] = (_, d, _) => d.TermsUrl,

        // 10DLC brand: the legal entity and who answers for it.
        ["companyInfo.taxIdIssuingCountry"] = (_, d, _) => d.Country,
        ["companyInfo.taxId"] = (_, d, _) => d.TaxId,
        ["companyInfo.legalType"] = (_, d, _) => d.BusinessType,
        ["companyInfo.address"] = (_, d, _) => d.Street,
        ["contactInfo.dbaName"] = (_, d, _) => d.CompanyName,
        ["contactInfo.vertical"] = (_, d, _) => d.Vertical,
        ["contactInfo.website"] = (r, _, _) => r.WebsiteUrl,

        // 10DLC campaign: what is sent, how people opt in, what HELP and STOP answer.
        ["campaignInfo.campaignName"] = (r, _, _) => r.UseCase,
        ["campaignInfo.vertical"] = (_, d, _) => d.Vertical,
        ["campaignInfo.optInWorkflow"] = (r, _, _) => r.OptInProcess,
        ["campaignInfo.optInMessage"] = (_, d, _) => $"{d.CompanyName}: you are signed up for SMS from us. Msg & data rates may apply. Reply HELP for help, STOP to cancel.",
        ["campaignInfo.helpMessage"] = (r, d, _) => $"{d.CompanyName}: for help write to {d.SupportEmail} or call {d.SupportPhone}. Reply STOP to cancel.",
        ["campaignInfo.stopMessage"] = (_, d, _) => $"{d.CompanyName}: you are unsubscribed and will get no more messages from us.",
        ["campaignInfo.optInScreenshot"] = (_, _, a) => a,
        ["campaignCapabilities.numberCapabilities"] = (_, _, _) => "SMS",
        ["campaignUseCase.useCase"] = (r, _, _) => r.MessageType switch
        {
            MessageType.OneTimePassword => "TWO_FACTOR_AUTHENTICATION",
            MessageType.Promotional => "MARKETING",
            _ => "ACCOUNT_NOTIFICATION",
        },
        ["campaignUseCase.subscriberOptIn"] = (_, _, _) => "Yes",
        ["campaignUseCase.subscriberOptOut"] = (_, _, _) => "Yes",
        ["campaignUseCase.subscriberHelp"] = (_, _, _) => "Yes",
        ["campaignUseCase.directLending"] = (_, _, _) => "No",
        ["campaignUseCase.embeddedLink"] = (r, _, _) => r.SampleMessages.Any(m => m.Contains("http", StringComparison.OrdinalIgnoreCase)) ? "Yes" : "No",
        ["campaignUseCase.embeddedPhone"] = (_, _, _) => "No",
        ["campaignUseCase.ageGated"] = (_, _, _) => "No",
    };

    /// <summary>The value for one field: text, a choice (one of the field's options) or an attachment id, by the field's type.</summary>
    public static (string? Text, string? Choice, string? AttachmentId) For(RegistrationFieldDefinition field, OnboardingRequest request, string? attachmentId)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(request);
        var answer = request.Registration is { } details ? Lookup(field.FieldPath!, request, details, attachmentId) : null;
        return field.FieldType switch
        {
            _ when answer is null => (null, null, null),
            "SELECT" => (null, field.SelectValidation?.Options?.Contains(answer) == true ? answer : null, null),
            "ATTACHMENT" => (null, null, answer),
            _ => (answer, null, null),
        };
    }

    private static string? Lookup(string path, OnboardingRequest request, RegistrationDetails details, string? attachmentId)
    {
        if (Table.TryGetValue(path, out var answer))
        {
            return answer(request, details, attachmentId);
        }

        const string Samples = "messageSamples.messageSample";
        return path.StartsWith(Samples, StringComparison.Ordinal) && int.TryParse(path[Samples.Length..], out var n) && n >= 1 && n <= request.SampleMessages.Count
            ? request.SampleMessages[n - 1]
            : null;
    }
}
