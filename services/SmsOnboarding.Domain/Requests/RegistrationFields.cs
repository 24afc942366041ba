using SmsOnboarding.Domain.Phones;

namespace SmsOnboarding.Domain.Requests;

/// <summary>
/// The members of the request's <c>registration</c> section, asked when US destinations need a toll-free or 10DLC
/// identity. Choices and limits are those of AWS's registration forms (shared/AWS-FACTS-2.md §1-2), so a request
/// that passes here is not refused by the form for its shape.
/// </summary>
public static class RegistrationFields
{
    public const string SectionName = "registration";

    /// <summary>A data: URL carries the file in the request; it travels in every step's input, hence the small cap.</summary>
    public const int MaxScreenshotDataUrlLength = 120_000;

    public static readonly IReadOnlyList<string> BusinessTypes = ["PRIVATE_PROFIT", "PUBLIC_PROFIT", "NON_PROFIT", "SOLE_PROPRIETOR", "GOVERNMENT"];

    public static readonly IReadOnlyList<string> MonthlyVolumes =
        ["10", "100", "1,000", "10,000", "100,000", "250,000", "500,000", "750,000", "1,000,000", "5,000,000", "10,000,000+"];

    public static readonly IReadOnlyList<string> Verticals =
    [
        "AGRICULTURE", "COMMUNICATION", "CONSTRUCTION", "EDUCATION", "ENERGY", "ENTERTAINMENT", "FINANCIAL", "GAMBLING",
        "GOVERNMENT", "HEALTHCARE", "HOSPITALITY", "HUMAN_RESOURCES", "INSURANCE", "LEGAL", "MANUFACTURING", "NGO",
        "POLITICAL", "POSTAL", "PROFESSIONAL", "REAL_ESTATE", "RETAIL", "TECHNOLOGY", "TRANSPORTATION",
    ];

    private static RequestField Text(string name, string shortName, string label, int max, string help, bool required = true, string? example = null) =>
        new(name, "reg-" + shortName, label, FieldKind.Text, required, help) { MaxLength = max, Example = example };

    private static RequestField Choice(string name, string shortName, string label, IReadOnlyList<string> choices, string help, bool required = true, string? defaultValue = null) =>
        new(name, "reg-" + shortName, label, FieldKind.Choice, required, help) { Choices = choices, MaxLength = 64, Default = defaultValue };

    public static RequestField CompanyName { get; } = Text("companyName", "company", "Legal company name", 100, "The company's legal name, as registered.", example: "Example Checkout Inc.");
    public static RequestField BusinessType { get; } = Choice("businessType", "business-type", "Business type", BusinessTypes, "The company's legal form.");
    public static RequestField TaxId { get; } = Text("taxId", "tax-id", "Tax id", 21, "The company's tax id (EIN in the US); not asked of sole proprietors.", required: false, example: "12-3456789");
    public static RequestField TaxIdType { get; } = Choice("taxIdType", "tax-id-type", "Tax id type", ["EIN", "CBN", "VAT", "OTHER"], "What the tax id is.", required: false, defaultValue: "EIN");
    public static RequestField Street { get; } = Text("street", "street", "Street address", 100, "First line of the company's address.");
    public static RequestField Street2 { get; } = Text("street2", "street-second", "Address line 2", 100, "Second line of the address.", required: false);
    public static RequestField City { get; } = Text("city", "city", "City", 100, "City of the company's address.");
    public static RequestField State { get; } = Text("state", "state", "State or province", 50, "State or province of the address.", example: "WA");
    public static RequestField PostalCode { get; } = Text("postalCode", "postal-code", "Zip or postal code", 20, "Zip or postal code of the address.", example: "98101");
    public static RequestField Country { get; } = Text("country", "country", "Country", 2, "ISO 3166 alpha-2 code of the address's country.", example: "US");
    public static RequestField ContactFirstName { get; } = Text("contactFirstName", "contact-first-name", "Contact first name", 100, "The person AWS may contact about the registration.");
    public static RequestField ContactLastName { get; } = Text("contactLastName", "contact-last-name", "Contact last name", 100, "Their last name.");
    public static RequestField SupportEmail { get; } = Text("supportEmail", "support-email", "Support e-mail", 100, "Where end users get help.", example: "support@example.com");
    public static RequestField SupportPhone { get; } = Text("supportPhone", "support-phone", "Support phone (E.164)", E164.MaxInputLength, "Where end users get help by phone.", example: "+12065550100");
    public static RequestField MonthlyVolume { get; } = Choice("monthlyVolume", "monthly-volume", "Monthly message volume", MonthlyVolumes, "How many SMS a month, as AWS's form asks it.");
    public static RequestField OptInType { get; } = Choice("optInType", "opt-in-type", "Opt-in type", ["VERBAL", "DIGITAL_FORM", "PAPER_FORM", "TEXT", "QR_CODE"], "How end users give consent.");
    public static RequestField OptInScreenshot { get; } = new("optInScreenshot", "reg-opt-in-screenshot", "Opt-in screenshot", FieldKind.Text, false,
        "The opt-in screen as a data: URL (PNG, JPEG or PDF; the CLI takes a file path) or an s3:// URL AWS can read. Required for toll-free.")
    { MaxLength = MaxScreenshotDataUrlLength, Example = "data:image/png;base64,iVBORw0KGgo..." };
    public static RequestField PrivacyPolicyUrl { get; } = Text("privacyPolicyUrl", "privacy-policy", "Privacy policy URL", 500, "Absolute http(s) URL of the privacy policy.", example: "https://example.com/privacy");
    public static RequestField TermsUrl { get; } = Text("termsUrl", "terms", "Terms and conditions URL", 500, "Absolute http(s) URL of the terms and conditions.", example: "https://example.com/terms");
    public static RequestField Vertical { get; } = Choice("vertical", "vertical", "Industry (10DLC)", Verticals, "The company's industry, as the 10DLC brand form asks it. Required for TenDlc.", required: false);

    public static IReadOnlyList<RequestField> All { get; } =
    [
        CompanyName, BusinessType, TaxId, TaxIdType, Street, Street2, City, State, PostalCode, Country, ContactFirstName, ContactLastName,
        SupportEmail, SupportPhone, MonthlyVolume, OptInType, OptInScreenshot, PrivacyPolicyUrl, TermsUrl, Vertical,
    ];

    public static RequestField Section { get; } = new(SectionName, "reg", "US registration", FieldKind.Section, false,
        "The company details AWS's US toll-free and 10DLC registration forms ask; needed when US destinations use TollFree or TenDlc.")
    { Fields = All };
}
