namespace SmsOnboarding.Domain.Requests;

/// <summary>
/// What AWS's US registration forms ask that the rest of the request does not say: the company, its address,
/// a contact, the expected volume, how people opt in (type, screenshot) and the policy links. The request's
/// use case, opt-in process, website and sample messages answer the rest of the form.
/// </summary>
public sealed record RegistrationDetails(
    string CompanyName,
    string BusinessType,
    string? TaxId,
    string TaxIdType,
    string Street,
    string? Street2,
    string City,
    string State,
    string PostalCode,
    string Country,
    string ContactFirstName,
    string ContactLastName,
    string SupportEmail,
    string SupportPhone,
    string MonthlyVolume,
    string OptInType,
    string? OptInScreenshot,
    string PrivacyPolicyUrl,
    string TermsUrl,
    string? Vertical);
