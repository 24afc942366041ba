using System.Text.Json.Nodes;
using SmsOnboarding.Simulator.Protocol;

namespace SmsOnboarding.Simulator.Services.SmsVoice;

/// <summary>
/// The forms behind each registration type (a subset of AWS's: the fields onboarding fills in). Field
/// paths are "section.field"; REQUIRED fields must have a value before a version can be submitted.
/// </summary>
internal static class RegistrationForms
{
    internal sealed record Field(string Path, string Type, string Requirement, string Title, IReadOnlyList<string>? Options = null)
    {
        public string Section => Path[..Path.IndexOf('.', StringComparison.Ordinal)];
    }

    private static readonly string[] UseCases = ["TWO_FACTOR_AUTHENTICATION", "ACCOUNT_NOTIFICATION", "CUSTOMER_CARE", "MARKETING"];

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<Field>> Forms = new Dictionary<string, IReadOnlyList<Field>>(StringComparer.Ordinal)
    {
        ["US_TOLL_FREE_REGISTRATION"] =
        [
            new("companyInfo.companyName", "TEXT", "REQUIRED", "Company name"),
            new("companyInfo.website", "TEXT", "REQUIRED", "Company website"),
            new("contactInfo.supportEmail", "TEXT", "OPTIONAL", "Support email"),
            new("messagingUseCase.useCaseCategory", "SELECT", "REQUIRED", "Use case category", UseCases),
            new("messagingUseCase.optInDescription", "TEXT", "REQUIRED", "How end users opt in"),
            new("messagingUseCase.optInImage", "ATTACHMENT", "OPTIONAL", "Opt-in screenshot"),
            new("messageSamples.messageSample1", "TEXT", "REQUIRED", "Message sample 1"),
        ],
        ["US_TEN_DLC_BRAND_REGISTRATION"] =
        [
            new("companyInfo.companyName", "TEXT", "REQUIRED", "Legal company name"),
            new("companyInfo.website", "TEXT", "REQUIRED", "Company website"),
            new("companyInfo.taxId", "TEXT", "OPTIONAL", "Tax ID"),
        ],
        ["US_TEN_DLC_BRAND_VETTING"] =
        [
            new("vettingInfo.vettingClass", "SELECT", "REQUIRED", "Vetting class", ["STANDARD"]),
        ],
        ["US_TEN_DLC_CAMPAIGN_REGISTRATION"] =
        [
            new("campaignInfo.useCase", "SELECT", "REQUIRED", "Campaign use case", UseCases),
            new("campaignInfo.campaignDescription", "TEXT", "OPTIONAL", "Campaign description"),
            new("messageSamples.messageSample1", "TEXT", "OPTIONAL", "Message sample 1"),
        ],
    };

    public static Field Find(string registrationType, string path) =>
        Forms[registrationType].FirstOrDefault(f => f.Path == path)
            ?? throw SmsVoiceService.Validation("UNKNOWN_REGISTRATION_FIELD",
                $"'{path}' is not a field of {registrationType}; see DescribeRegistrationFieldDefinitions.");

    public static JsonObject Describe(JsonObject input)
    {
        var type = Json.ReqString(input, "RegistrationType");
        if (!Forms.TryGetValue(type, out var fields))
        {
            throw SmsVoiceService.Validation("UNKNOWN_REGISTRATION_TYPE", $"Registration type '{type}' is not supported.");
        }
        var section = Json.OptString(input, "SectionPath");
        var paths = Json.Strings(input, "FieldPaths");
        return new JsonObject
        {
            ["RegistrationType"] = type,
            ["RegistrationFieldDefinitions"] = Json.Array(fields
                .Where(f => (section is null || f.Section == section) && (paths.Count == 0 || paths.Contains(f.Path)))
                .Select(f =>
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
                        definition["TextValidation"] = new JsonObject { ["MinLength"] = 1, ["MaxLength"] = 2048, ["Pattern"] = "^.+$" };
                    }
                    return (JsonNode)definition;
                })),
        };
    }
}
