using System.Text.Json.Nodes;
using SmsOnboarding.Simulator.Protocol;

namespace SmsOnboarding.Simulator.Services.SmsVoice;

/// <summary>
/// The forms behind each registration type, in AWS's section and field order. Paths, types, REQUIRED flags,
/// lengths and select options follow shared/AWS-FACTS-2.md §1-2 (AWS's CLI walkthrough, aws-samples' 10DLC
/// automation, scripts validated against the live form); where those sources disagree the simulator takes the
/// stricter reading and the simulator README says it is a guess. A CONDITIONAL field is required while another
/// field holds one of the listed choices (or, with <see cref="Condition.Except"/>, any other choice).
/// </summary>
internal static class RegistrationForms
{
    internal sealed record Condition(string FieldPath, IReadOnlyList<string> Choices, bool Except = false)
    {
        public bool Holds(IReadOnlyDictionary<string, Dictionary<string, object>> values) =>
            values.TryGetValue(FieldPath, out var value) && value.TryGetValue("SelectChoices", out var chosen) &&
            ((IReadOnlyList<string>)chosen).Any(c => Choices.Contains(c) != Except);
    }

    internal sealed record Field(string Path, string Type, string Requirement, string Title,
        IReadOnlyList<string>? Options = null, int MinLength = 1, int MaxLength = 2048, Condition? RequiredWhen = null)
    {
        public string Section => Path[..Path.IndexOf('.', StringComparison.Ordinal)];

        public bool IsRequired(IReadOnlyDictionary<string, Dictionary<string, object>> values) =>
            Requirement == "REQUIRED" || (Requirement == "CONDITIONAL" && RequiredWhen?.Holds(values) == true);
    }

    private static Field Text(string path, string title, int max, string requirement = "REQUIRED", int min = 1, Condition? when = null) =>
        new(path, "TEXT", requirement, title, null, min, max, when);

    private static Field Select(string path, string title, IReadOnlyList<string> options, string requirement = "REQUIRED", Condition? when = null) =>
        new(path, "SELECT", requirement, title, options, RequiredWhen: when);

    public static readonly IReadOnlyList<string> MonthlyVolumes =
        ["10", "100", "1,000", "10,000", "100,000", "250,000", "500,000", "750,000", "1,000,000", "5,000,000", "10,000,000+"];

    public static readonly IReadOnlyList<string> TollFreeUseCases =
    [
        "TWO_FACTOR_AUTHENTICATION", "ONE_TIME_PASSCODES", "ACCOUNT_NOTIFICATIONS", "CUSTOMER_CARE", "DELIVERY_NOTIFICATIONS",
        "FRAUD_ALERT_MESSAGING", "HIGHER_EDUCATION", "MARKETING", "POLLING_AND_VOTING", "PUBLIC_SERVICE_ANNOUNCEMENT",
        "SECURITY_ALERT", "OTHER",
    ];

    public static readonly IReadOnlyList<string> BusinessTypes = ["PRIVATE_PROFIT", "PUBLIC_PROFIT", "NON_PROFIT", "SOLE_PROPRIETOR", "GOVERNMENT"];

    public static readonly IReadOnlyList<string> Verticals =
    [
        "AGRICULTURE", "COMMUNICATION", "CONSTRUCTION", "EDUCATION", "ENERGY", "ENTERTAINMENT", "FINANCIAL", "GAMBLING",
        "GOVERNMENT", "HEALTHCARE", "HOSPITALITY", "HUMAN_RESOURCES", "INSURANCE", "LEGAL", "MANUFACTURING", "NGO",
        "POLITICAL", "POSTAL", "PROFESSIONAL", "REAL_ESTATE", "RETAIL", "TECHNOLOGY", "TRANSPORTATION",
    ];

    public static readonly IReadOnlyList<string> CampaignUseCases =
    [
        "TWO_FACTOR_AUTHENTICATION", "ACCOUNT_NOTIFICATION", "CUSTOMER_CARE", "DELIVERY_NOTIFICATION", "FRAUD_ALERT",
        "HIGHER_EDUCATION", "LOW_VOLUME", "MARKETING", "MIXED", "POLLING_VOTING", "PUBLIC_SERVICE_ANNOUNCEMENT", "SECURITY_ALERT",
    ];

    private static readonly string[] YesNo = ["Yes", "No"];
    private static readonly Condition NotSoleProprietor = new("companyInfo.businessType", ["SOLE_PROPRIETOR"], Except: true);
    private static readonly Condition PublicProfit = new("companyInfo.legalType", ["PUBLIC_PROFIT"]);

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<Field>> Forms = new Dictionary<string, IReadOnlyList<Field>>(StringComparer.Ordinal)
    {
        ["US_TOLL_FREE_REGISTRATION"] =
        [
            Text("companyInfo.companyName", "Company name", 100),
            Text("companyInfo.website", "Company website", 100),
            Text("companyInfo.address1", "Address line 1", 100),
            Text("companyInfo.address2", "Address line 2", 100, "OPTIONAL"),
            Text("companyInfo.city", "City", 100),
            Text("companyInfo.state", "State or province", 50),
            Text("companyInfo.zipCode", "Zip or postal code", 20),
            Text("companyInfo.isoCountryCode", "Country (ISO 3166-1 alpha-2)", 2, min: 2),
            Select("companyInfo.businessType", "Business type", BusinessTypes),
            Text("companyInfo.companyIdNumber", "Company tax id", 100, "CONDITIONAL", when: NotSoleProprietor),
            Select("companyInfo.companyIdType", "Company tax id type", ["EIN", "CBN", "VAT", "OTHER"], "CONDITIONAL", NotSoleProprietor),
            Text("companyInfo.companyIdCountry", "Country that issued the tax id", 2, "CONDITIONAL", 2, NotSoleProprietor),
            Text("contactInfo.firstName", "Contact first name", 100),
            Text("contactInfo.lastName", "Contact last name", 100),
            Text("contactInfo.supportEmail", "Support e-mail", 100),
            Text("contactInfo.supportPhoneNumber", "Support phone number (E.164)", 30),
            Select("messagingUseCase.monthlyMessageVolume", "Monthly message volume", MonthlyVolumes),
            Select("messagingUseCase.useCaseCategory", "Use case category", TollFreeUseCases),
            Text("messagingUseCase.useCaseDetails", "Use case details", 500, min: 40),
            Select("messagingUseCase.optInType", "Opt-in type", ["VERBAL", "DIGITAL_FORM", "PAPER_FORM", "TEXT", "QR_CODE"]),
            Text("messagingUseCase.optInDescription", "How end users opt in", 1500, min: 40),
            new("messagingUseCase.optInImage", "ATTACHMENT", "REQUIRED", "Opt-in screenshot"),
            Text("messagingUseCase.privacyPolicyUrl", "Privacy policy URL", 500),
            Text("messagingUseCase.termsAndConditionsUrl", "Terms and conditions URL", 500),
            Text("messageSamples.messageSample1", "Message sample 1", 1024, min: 20),
            Text("messageSamples.messageSample2", "Message sample 2", 1024, "OPTIONAL", 20),
            Text("messageSamples.messageSample3", "Message sample 3", 1024, "OPTIONAL", 20),
        ],
        ["US_TEN_DLC_BRAND_REGISTRATION"] =
        [
            Text("companyInfo.companyName", "Legal company name", 100),
            Text("companyInfo.taxIdIssuingCountry", "Country that issued the tax id", 2, min: 2),
            Text("companyInfo.taxId", "Tax id", 21),
            Select("companyInfo.legalType", "Legal type", ["PRIVATE_PROFIT", "PUBLIC_PROFIT", "NON_PROFIT", "GOVERNMENT"]),
            Text("companyInfo.stockSymbol", "Stock symbol", 10, "CONDITIONAL", when: PublicProfit),
            Select("companyInfo.stockExchange", "Stock exchange", ["NASDAQ", "NYSE", "OTHER"], "CONDITIONAL", PublicProfit),
            Text("companyInfo.businessContactEmail", "Business contact e-mail", 100, "CONDITIONAL", when: PublicProfit),
            Text("companyInfo.address", "Address", 100),
            Text("companyInfo.city", "City", 100),
            Text("companyInfo.state", "State or province", 50),
            Text("companyInfo.zipCode", "Zip or postal code", 20),
            Text("companyInfo.isoCountryCode", "Country (ISO 3166-1 alpha-2)", 2, min: 2),
            Text("contactInfo.dbaName", "Doing business as", 100),
            Select("contactInfo.vertical", "Vertical", Verticals),
            Text("contactInfo.website", "Website", 100),
            Text("contactInfo.supportEmail", "Support e-mail", 100),
            Text("contactInfo.supportPhoneNumber", "Support phone number (E.164)", 30),
        ],
        ["US_TEN_DLC_BRAND_VETTING"] = [],
        ["US_TEN_DLC_CAMPAIGN_REGISTRATION"] =
        [
            Text("campaignInfo.campaignName", "Campaign description", 4096, min: 40),
            Select("campaignInfo.vertical", "Vertical", Verticals),
            Text("campaignInfo.optInWorkflow", "How end users opt in", 2048, min: 40),
            Text("campaignInfo.optInMessage", "Opt-in confirmation message", 255, min: 20),
            Text("campaignInfo.helpMessage", "HELP reply", 255, min: 20),
            Text("campaignInfo.stopMessage", "STOP reply", 255, min: 20),
            new("campaignInfo.optInScreenshot", "ATTACHMENT", "OPTIONAL", "Opt-in screenshot"),
            Select("campaignCapabilities.numberCapabilities", "Number capabilities", ["SMS", "SMS and MMS", "SMS and VOICE", "SMS and MMS and VOICE"]),
            Select("campaignUseCase.useCase", "Campaign use case", CampaignUseCases),
            Select("campaignUseCase.subscriberOptIn", "Subscribers opt in", ["Yes"]),
            Select("campaignUseCase.subscriberOptOut", "Subscribers can opt out", ["Yes"]),
            Select("campaignUseCase.subscriberHelp", "Subscribers can ask for help", ["Yes"]),
            Select("campaignUseCase.directLending", "Direct lending", YesNo),
            Select("campaignUseCase.embeddedLink", "Embedded link", YesNo),
            Select("campaignUseCase.embeddedPhone", "Embedded phone number", YesNo),
            Select("campaignUseCase.ageGated", "Age-gated content", YesNo),
            Text("messageSamples.messageSample1", "Message sample 1", 1024, min: 20),
            Text("messageSamples.messageSample2", "Message sample 2", 1024, "OPTIONAL", 20),
        ],
    };

    public static Field Find(string registrationType, string path) =>
        Forms[registrationType].FirstOrDefault(f => f.Path == path)
            ?? throw SmsVoiceService.Validation("UNKNOWN_REGISTRATION_FIELD",
                $"'{path}' is not a field of {registrationType}; see DescribeRegistrationFieldDefinitions.");

    /// <summary>The paths a version still lacks, REQUIRED and CONDITIONAL-in-force alike, in form order.</summary>
    public static IReadOnlyList<string> Missing(string registrationType, IReadOnlyDictionary<string, Dictionary<string, object>> values) =>
        [.. Forms[registrationType].Where(f => f.IsRequired(values) && !values.ContainsKey(f.Path)).Select(f => f.Path)];

    public static JsonObject Describe(JsonObject input)
    {
        var type = Json.ReqString(input, "RegistrationType");
        if (!Forms.TryGetValue(type, out var fields))
        {
            throw SmsVoiceService.Validation("UNKNOWN_REGISTRATION_TYPE", $"Registration type '{type}' is not supported.");
        }
        var section = Json.OptString(input, "SectionPath");
        if (section is not null && fields.All(f => f.Section != section))
        {
            throw SmsVoiceService.Validation("UNKNOWN_REGISTRATION_SECTION", $"'{section}' is not a section of {type}.");
        }
        var paths = Json.Strings(input, "FieldPaths");
        var selected = fields.Where(f => (section is null || f.Section == section) && (paths.Count == 0 || paths.Contains(f.Path))).ToList();
        var (page, next) = Paging.Page(selected, Json.OptString(input, "NextToken"), Json.OptInt(input, "MaxResults") ?? 100);
        var result = new JsonObject
        {
            ["RegistrationType"] = type,
            ["RegistrationFieldDefinitions"] = Json.Array(page.Select(f => (JsonNode)Definition(f))),
        };
        if (next is not null)
        {
            result["NextToken"] = next;
        }
        return result;
    }

    private static JsonObject Definition(Field f)
    {
        var definition = new JsonObject
        {
            ["SectionPath"] = f.Section,
            ["FieldPath"] = f.Path,
            ["FieldType"] = f.Type,
            ["FieldRequirement"] = f.Requirement,
            ["DisplayHints"] = new JsonObject { ["Title"] = f.Title, ["ShortDescription"] = f.Title },
        };
        if (f.Options is { } options)
        {
            definition["SelectValidation"] = new JsonObject { ["MinChoices"] = 1, ["MaxChoices"] = 1, ["Options"] = Json.Strings(options) };
        }
        else if (f.Type == "TEXT")
        {
            definition["TextValidation"] = new JsonObject { ["MinLength"] = f.MinLength, ["MaxLength"] = f.MaxLength, ["Pattern"] = "^[\\s\\S]+$" };
        }
        return definition;
    }
}
