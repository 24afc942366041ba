using System.Text.Json.Nodes;
using SmsOnboarding.Domain.Phones;

namespace SmsOnboarding.Domain.Requests;

public static partial class OnboardingRequestValidator
{
    private const string Section = RegistrationFields.SectionName;

    /// <summary>
    /// The registration section, checked member by member: one problem per missing or wrong member, named by its
    /// path ("registration.city"). Missing members are problems only when the request needs a US registration.
    /// </summary>
    private static RegistrationDetails? ReadRegistration(JsonFieldReader read, List<ValidationProblem> problems, bool needed, OriginationType? origination)
    {
        var node = read.Node(Section);
        if (node is null && !needed)
        {
            return null;
        }

        if (node is not null and not JsonObject)
        {
            read.Add(Section, ProblemCodes.WrongType, $"{Section} must be an object, not {JsonKinds.Describe(node)}.");
            return null;
        }

        var json = node as JsonObject ?? [];
        var section = new JsonFieldReader(json, problems, Section + ".");
        var before = problems.Count;
        foreach (var (name, _) in json)
        {
            if (RegistrationFields.All.All(f => f.Name != name))
            {
                section.Add(section.Path(name), ProblemCodes.UnknownField, $"'{Truncate(name)}' is not a field of the registration section.");
            }
        }

        var company = section.Text(RegistrationFields.CompanyName);
        var businessType = section.Choice(RegistrationFields.BusinessType);
        var taxId = section.Text(RegistrationFields.TaxId);
        var taxIdType = section.Choice(RegistrationFields.TaxIdType) ?? RegistrationFields.TaxIdType.Default!;
        var street = section.Text(RegistrationFields.Street);
        var street2 = section.Text(RegistrationFields.Street2);
        var city = section.Text(RegistrationFields.City);
        var state = section.Text(RegistrationFields.State);
        var postalCode = section.Text(RegistrationFields.PostalCode);
        var country = ReadCountry(section, RegistrationFields.Country);
        var firstName = section.Text(RegistrationFields.ContactFirstName);
        var lastName = section.Text(RegistrationFields.ContactLastName);
        var email = ReadEmail(section, RegistrationFields.SupportEmail);
        var phone = ReadPhone(section, RegistrationFields.SupportPhone);
        var volume = section.Choice(RegistrationFields.MonthlyVolume);
        var optInType = section.Choice(RegistrationFields.OptInType);
        var screenshot = ReadScreenshot(section, RegistrationFields.OptInScreenshot);
        var privacy = ReadUrl(section, RegistrationFields.PrivacyPolicyUrl);
        var terms = ReadUrl(section, RegistrationFields.TermsUrl);
        var vertical = section.Choice(RegistrationFields.Vertical);

        if (taxId is null && businessType is not null and not "SOLE_PROPRIETOR" && !section.Has(RegistrationFields.TaxId.Name))
        {
            RequiredFor(section, RegistrationFields.TaxId, $"a {businessType} company (only sole proprietors register without one)");
        }

        if (screenshot is null && origination == OriginationType.TollFree && !section.Has(RegistrationFields.OptInScreenshot.Name))
        {
            RequiredFor(section, RegistrationFields.OptInScreenshot, "a US toll-free registration");
        }

        if (vertical is null && origination == OriginationType.TenDlc && !section.Has(RegistrationFields.Vertical.Name))
        {
            RequiredFor(section, RegistrationFields.Vertical, "a US 10DLC brand registration");
        }

        return problems.Count > before ? null : new RegistrationDetails(
            company!, businessType!, taxId, taxIdType, street!, street2, city!, state!, postalCode!, country!, firstName!, lastName!,
            email!, phone!, volume!, optInType!, screenshot, privacy!, terms!, vertical);
    }

    /// <summary>AWS's forms take the use case, the opt-in description and the samples only within their lengths (AWS-FACTS-2 §1-2).</summary>
    private static void CheckRegistrationLengths(JsonFieldReader read, OriginationType origination, string? website, string? useCase, string? optIn, IReadOnlyList<string>? samples)
    {
        Between(read, "websiteUrl", website, 1, 100, origination == OriginationType.TollFree ? "US toll-free" : "US 10DLC brand");
        var (useCaseMax, optInMax) = origination == OriginationType.TollFree ? (500, 1500) : (4096, 2048);
        var form = origination == OriginationType.TollFree ? "US toll-free" : "US 10DLC campaign";
        Between(read, "useCase", useCase, 40, useCaseMax, form);
        Between(read, "optInProcess", optIn, 40, optInMax, form);
        for (var i = 0; samples is not null && i < samples.Count; i++)
        {
            Between(read, $"sampleMessages[{i}]", samples[i], 20, 1024, form);
        }
    }

    private static void Between(JsonFieldReader read, string field, string? text, int min, int max, string form)
    {
        if (text is not null && (text.Length < min || text.Length > max))
        {
            read.Add(field, ProblemCodes.OutOfRange, $"{field} is {text.Length} characters long; AWS's {form} registration form takes {min} to {max}.");
        }
    }

    private static void RequiredFor(JsonFieldReader section, RequestField field, string why) =>
        section.Add(section.Path(field.Name), ProblemCodes.Required, $"{section.Path(field.Name)} is required for {why}.");

    private static string? ReadCountry(JsonFieldReader section, RequestField field)
    {
        var code = section.Text(field)?.ToUpperInvariant();
        if (code is not null && !CountryCodes.Contains(code))
        {
            section.Add(section.Path(field.Name), ProblemCodes.UnknownCountry, $"'{code}' is not an ISO 3166 alpha-2 country code.");
            return null;
        }

        return code;
    }

    private static string? ReadEmail(JsonFieldReader section, RequestField field)
    {
        var email = section.Text(field);
        var at = email?.IndexOf('@', StringComparison.Ordinal) ?? -1;
        if (email is not null && (at < 1 || at == email.Length - 1 || email.Any(char.IsWhiteSpace) || email.Count(c => c == '@') != 1))
        {
            section.Add(section.Path(field.Name), ProblemCodes.InvalidFormat, $"{section.Path(field.Name)} must be an e-mail address (name@domain).");
            return null;
        }

        return email;
    }

    private static string? ReadPhone(JsonFieldReader section, RequestField field)
    {
        var raw = section.Text(field);
        if (raw is null)
        {
            return null;
        }

        if (!E164.TryNormalize(raw, out var e164, out var problem))
        {
            section.Add(section.Path(field.Name), ProblemCodes.InvalidPhoneNumber, $"{section.Path(field.Name)} {problem}.");
            return null;
        }

        return e164;
    }

    private static string? ReadUrl(JsonFieldReader section, RequestField field)
    {
        var url = section.Text(field);
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || string.IsNullOrEmpty(uri.Host)))
        {
            section.Add(section.Path(field.Name), ProblemCodes.InvalidFormat, $"{section.Path(field.Name)} must be an absolute http(s) URL.");
            return null;
        }

        return url;
    }

    private static string? ReadScreenshot(JsonFieldReader section, RequestField field)
    {
        var value = section.Text(field);
        if (value is null || Screenshots.Problem(value) is not { } problem)
        {
            return value;
        }

        section.Add(section.Path(field.Name), ProblemCodes.InvalidFormat, $"{section.Path(field.Name)} {problem}");
        return null;
    }
}
