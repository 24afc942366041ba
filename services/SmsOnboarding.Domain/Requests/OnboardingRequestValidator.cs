using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SmsOnboarding.Domain.Phones;
using SmsOnboarding.Domain.Regions;

namespace SmsOnboarding.Domain.Requests;

/// <summary>
/// Turns untrusted JSON into an <see cref="OnboardingRequest"/>, reporting every problem at once. Never throws
/// on user input; validating its own output gives the same request back.
/// </summary>
public static partial class OnboardingRequestValidator
{
    public const int MaxDocumentBytes = 256 * 1024;
    public static readonly decimal MaxMonthlySpendUsd = RequestFields.MonthlySpendUsd.Maximum!.Value;

    private static readonly HashSet<string> CountryCodes =
        new(global::PhoneNumbers.PhoneNumberUtil.GetInstance().GetSupportedRegions(), StringComparer.Ordinal);

    public static ValidationResult Validate(string json)
    {
        if (Encoding.UTF8.GetByteCount(json) > MaxDocumentBytes)
        {
            return Fail("$", ProblemCodes.TooLarge, $"The request is larger than {MaxDocumentBytes / 1024} KiB.");
        }

        var (node, problem) = StrictJson.Parse(Encoding.UTF8.GetBytes(json));
        return problem is null ? Validate(node) : new ValidationResult(null, [problem]);
    }

    public static ValidationResult Validate(JsonNode? node)
    {
        if (node is not JsonObject json)
        {
            return Fail("$", ProblemCodes.NotAnObject, $"The request must be a JSON object, not {JsonKinds.Describe(node)}.");
        }

        var problems = new List<ValidationProblem>();
        var read = new JsonFieldReader(json, problems);

        foreach (var (name, _) in json)
        {
            if (RequestFields.Find(name) is null)
            {
                read.Add(name, ProblemCodes.UnknownField, $"'{Truncate(name)}' is not a field of an onboarding request.");
            }
        }

        var userPoolId = ReadUserPoolId(read);
        var poolRegion = userPoolId?[..userPoolId.IndexOf('_', StringComparison.Ordinal)];
        var accountId = ReadAccountId(read);
        var snsRegion = ReadSnsRegion(read, poolRegion);
        var countries = ReadCountries(read);
        var spend = ReadSpend(read);
        var messageType = read.RequiredEnum<MessageType>(RequestFields.MessageType);
        var useCase = read.Text(RequestFields.UseCase);
        var websiteUrl = ReadWebsiteUrl(read);
        var optIn = read.Text(RequestFields.OptInProcess);
        var samples = ReadStrings(read, RequestFields.SampleMessages);
        var numbers = ReadSandboxNumbers(read);
        var origination = read.Has("originationType") ? read.Enum<OriginationType>(RequestFields.OriginationType) : OriginationType.TollFree;
        var requester = ReadPrincipal(read, "requester", read.Text(RequestFields.Requester));
        var approvers = ReadApprovers(read, requester);
        var team = read.Text(RequestFields.Team);
        var requestId = ReadRequestId(read);

        var registrationNeeded = countries is not null && origination is { } o && OnboardingRequest.NeedsRegistration(countries, o);
        var registration = ReadRegistration(read, problems, registrationNeeded, origination);
        if (registrationNeeded)
        {
            CheckRegistrationLengths(read, origination!.Value, websiteUrl, useCase, optIn, samples);
        }

        if (origination == OriginationType.None && countries?.Contains("US") == true)
        {
            read.Add("originationType", ProblemCodes.OriginationRequired,
                "originationType None cannot send to the US: US carriers deliver SMS only from a registered origination identity (TollFree, TenDlc or ShortCode). Choose one, or remove US from countries.");
        }

        if (problems.Count > 0)
        {
            return new ValidationResult(null, problems);
        }

        var request = new OnboardingRequest(
            userPoolId!, accountId, snsRegion, countries!, spend!.Value, messageType!.Value, useCase!, websiteUrl!,
            optIn!, samples!, numbers ?? [], origination!.Value, requester!, approvers!, team!, requestId, registration);
        return new ValidationResult(request, problems);
    }

    private static string? ReadUserPoolId(JsonFieldReader read)
    {
        var id = read.Text(RequestFields.UserPoolId);
        if (id is null)
        {
            return null;
        }

        if (!UserPoolIdPattern().IsMatch(id))
        {
            read.Add("userPoolId", ProblemCodes.InvalidFormat, $"userPoolId must look like 'eu-central-1_AbC123' (Region, '_', id); got '{Truncate(id)}'.");
            return null;
        }

        var region = id[..id.IndexOf('_', StringComparison.Ordinal)];
        if (RegionTable.Find(region) is null)
        {
            read.Add("userPoolId", ProblemCodes.UnknownRegion, $"'{region}' is not a Region where Amazon Cognito user pools run.");
            return null;
        }

        return id;
    }

    private static string? ReadAccountId(JsonFieldReader read)
    {
        var account = read.Text(RequestFields.AccountId);
        if (account is not null && !AccountIdPattern().IsMatch(account))
        {
            read.Add("accountId", ProblemCodes.InvalidFormat, "accountId must be exactly 12 digits.");
            return null;
        }

        return account;
    }

    private static string? ReadSnsRegion(JsonFieldReader read, string? poolRegion)
    {
        var region = read.Text(RequestFields.SnsRegion)?.ToLowerInvariant();
        if (region is null)
        {
            return null;
        }

        if (!RegionTable.IsKnownRegion(region))
        {
            read.Add("snsRegion", ProblemCodes.UnknownRegion, $"'{Truncate(region)}' is not an AWS Region this tool knows.");
            return null;
        }

        if (poolRegion is not null && !RegionTable.IsAllowedSnsRegion(poolRegion, region))
        {
            var allowed = string.Join(" or ", RegionTable.Find(poolRegion)!.SnsRegions);
            read.Add("snsRegion", ProblemCodes.SnsRegionNotAllowed,
                $"A pool in {RegionTable.DisplayName(poolRegion)} cannot send SMS through {RegionTable.DisplayName(region)}; use {allowed}.");
            return null;
        }

        return region;
    }

    private static List<string>? ReadCountries(JsonFieldReader read)
    {
        var countries = ReadStrings(read, RequestFields.Countries);
        if (countries is null)
        {
            return null;
        }

        var result = new List<string>();
        var ok = true;
        for (var i = 0; i < countries.Count; i++)
        {
            var code = countries[i].ToUpperInvariant();
            if (!CountryCodes.Contains(code))
            {
                read.Add($"countries[{i}]", ProblemCodes.UnknownCountry, $"'{code}' is not an ISO 3166 alpha-2 country code.");
                ok = false;
            }
            else if (result.Contains(code))
            {
                read.Add($"countries[{i}]", ProblemCodes.Duplicate, $"'{code}' is listed twice.");
                ok = false;
            }
            else
            {
                result.Add(code);
            }
        }

        return ok ? result : null;
    }

    private static decimal? ReadSpend(JsonFieldReader read)
    {
        var spend = read.RequiredDecimal(RequestFields.MonthlySpendUsd.Name);
        if (spend is null)
        {
            return null;
        }

        if (spend <= 0 || spend > MaxMonthlySpendUsd)
        {
            read.Add("monthlySpendUsd", ProblemCodes.OutOfRange, $"monthlySpendUsd must be more than 0 and at most {MaxMonthlySpendUsd:0}.");
            return null;
        }

        if (decimal.Truncate(spend.Value) != spend.Value)
        {
            read.Add("monthlySpendUsd", ProblemCodes.InvalidFormat,
                $"monthlySpendUsd must be whole US dollars (for example {decimal.Ceiling(spend.Value):0}): the SMS spend quota AWS approves (MaxLimit) is a whole number, so cents could never be granted.");
            return null;
        }

        // Drops a written ".0", so "250.0" and "250" are the same request.
        return decimal.Truncate(spend.Value);
    }

    private static string? ReadWebsiteUrl(JsonFieldReader read)
    {
        var url = read.Text(RequestFields.WebsiteUrl);
        if (url is null)
        {
            return null;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || string.IsNullOrEmpty(uri.Host))
        {
            read.Add("websiteUrl", ProblemCodes.InvalidFormat, "websiteUrl must be an absolute http(s) URL.");
            return null;
        }

        return url;
    }

    private static List<string>? ReadSandboxNumbers(JsonFieldReader read)
    {
        var raw = ReadStrings(read, RequestFields.SandboxNumbers);
        if (raw is null)
        {
            return null;
        }

        var result = new List<string>();
        var ok = true;
        for (var i = 0; i < raw.Count; i++)
        {
            if (!E164.TryNormalize(raw[i], out var e164, out var problem))
            {
                read.Add($"sandboxNumbers[{i}]", ProblemCodes.InvalidPhoneNumber, $"sandboxNumbers[{i}] {problem}.");
                ok = false;
            }
            else if (result.Contains(e164))
            {
                read.Add($"sandboxNumbers[{i}]", ProblemCodes.Duplicate, $"sandboxNumbers[{i}] is the same number as an earlier entry ({E164.Mask(e164)}).");
                ok = false;
            }
            else
            {
                result.Add(e164);
            }
        }

        return ok ? result : null;
    }

    private static string? ReadPrincipal(JsonFieldReader read, string field, string? value)
    {
        if (value is not null && !PrincipalPattern().IsMatch(value))
        {
            read.Add(field, ProblemCodes.InvalidFormat, $"{field} must be a user name or e-mail address without spaces.");
            return null;
        }

        return value;
    }

    private static List<string>? ReadApprovers(JsonFieldReader read, string? requester)
    {
        var approvers = ReadStrings(read, RequestFields.Approvers);
        if (approvers is null)
        {
            return null;
        }

        var ok = true;
        for (var i = 0; i < approvers.Count; i++)
        {
            var field = $"approvers[{i}]";
            if (ReadPrincipal(read, field, approvers[i]) is null)
            {
                ok = false;
            }
            else if (approvers.IndexOf(approvers[i]) != i)
            {
                read.Add(field, ProblemCodes.Duplicate, $"'{approvers[i]}' is listed twice.");
                ok = false;
            }
            else if (string.Equals(approvers[i], requester, StringComparison.OrdinalIgnoreCase))
            {
                read.Add(field, ProblemCodes.RequesterIsApprover, "The requester cannot approve their own request.");
                ok = false;
            }
        }

        return ok ? approvers : null;
    }

    private static string? ReadRequestId(JsonFieldReader read)
    {
        var id = read.Text(RequestFields.RequestId);
        if (id is not null && !RequestIdPattern().IsMatch(id))
        {
            read.Add("requestId", ProblemCodes.InvalidFormat, "requestId may only contain letters, digits, '-' and '_' (it names the workflow execution).");
            return null;
        }

        return id;
    }

    private static List<string>? ReadStrings(JsonFieldReader read, RequestField definition)
    {
        var (field, min, max) = (definition.Name, definition.MinItems, definition.MaxItems);
        var array = read.Array(field, definition.Required);
        if (array is null)
        {
            return null;
        }

        if (array.Count < min)
        {
            read.Add(field, ProblemCodes.TooFew, $"{field} needs at least {min} entr{(min == 1 ? "y" : "ies")}.");
            return null;
        }

        if (array.Count > max)
        {
            read.Add(field, ProblemCodes.TooMany, $"{field} has {array.Count} entries; the limit is {max}.");
            return null;
        }

        var values = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            var value = read.String($"{field}[{i}]", array[i], definition.MaxLength, definition.Multiline);
            if (value is not null)
            {
                values.Add(value);
            }
        }

        return values.Count == array.Count ? values : null;
    }

    private static ValidationResult Fail(string field, string code, string message) =>
        new(null, [new ValidationProblem(field, code, message)]);

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "…";

    [GeneratedRegex(RequestFields.UserPoolIdPattern, RegexOptions.CultureInvariant)]
    private static partial Regex UserPoolIdPattern();

    [GeneratedRegex(RequestFields.AccountIdPattern, RegexOptions.CultureInvariant)]
    private static partial Regex AccountIdPattern();

    [GeneratedRegex(RequestFields.PrincipalPattern, RegexOptions.CultureInvariant)]
    private static partial Regex PrincipalPattern();

    [GeneratedRegex(RequestFields.RequestIdPattern, RegexOptions.CultureInvariant)]
    private static partial Regex RequestIdPattern();
}
