using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace SmsOnboarding.Simulator.Scenarios;

/// <summary>A scenario that cannot be used; <see cref="Field"/> is the JSON path of the offending member.</summary>
public sealed class ScenarioException(string field, string message) : Exception($"scenario field '{field}': {message}")
{
    public string Field { get; } = field;

    /// <summary>What is wrong with <see cref="Field"/>, without the field.</summary>
    public string Problem { get; } = message;
}

public static partial class ScenarioLoader
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        WriteIndented = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        RespectRequiredConstructorParameters = true,
    };

    public static SimulatorScenario LoadFile(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new ScenarioException("$", $"cannot read scenario file '{path}': {e.Message}");
        }
        return Parse(json);
    }

    public static SimulatorScenario Parse(string json)
    {
        SimulatorScenario? scenario;
        try
        {
            scenario = JsonSerializer.Deserialize<SimulatorScenario>(json, Options);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) ? "$" : e.Path;
            var unmapped = UnmappedMember().Match(e.Message);
            if (unmapped.Success)
            {
                field = field + "." + unmapped.Groups[1].Value;
                throw new ScenarioException(field, "unknown member");
            }
            throw new ScenarioException(field, FirstSentence(e.Message));
        }
        if (scenario is null)
        {
            throw new ScenarioException("$", "a scenario must be a JSON object");
        }
        Validate(scenario);
        return scenario;
    }

    public static string Serialize(SimulatorScenario scenario) => JsonSerializer.Serialize(scenario, Options);

    public static void Validate(SimulatorScenario s)
    {
        ArgumentNullException.ThrowIfNull(s);
        Require(s.Name is { Length: > 0 }, "$.name", "must be a non-empty string");
        Require(Enum.IsDefined(s.SupportPlan), "$.supportPlan", "must be Basic, Developer, Business, EnterpriseOnRamp or Enterprise");
        Require(s.ProductionRegions is not null, "$.productionRegions", "must be a list of Region codes");
        for (var i = 0; i < s.ProductionRegions!.Count; i++)
        {
            RequireRegion(s.ProductionRegions[i], $"$.productionRegions[{i}]");
        }
        Require(s.DefaultApprovedSpendQuotaUsd >= 0, "$.defaultApprovedSpendQuotaUsd", "must be >= 0");
        Require(s.SmsPriceUsd >= 0, "$.smsPriceUsd", "must be >= 0");
        Require(s.Spend is not null, "$.spend", "must be an object keyed by Region");
        foreach (var (region, spend) in s.Spend!)
        {
            RequireRegion(region, $"$.spend.{region}");
            Require(spend is not null && spend.ApprovedQuotaUsd >= 0, $"$.spend.{region}.approvedQuotaUsd", "must be >= 0");
            Require(spend!.MonthlySpendLimitUsd is null or >= 0 && spend.MonthlySpendLimitUsd <= spend.ApprovedQuotaUsd,
                $"$.spend.{region}.monthlySpendLimitUsd", "must be between 0 and approvedQuotaUsd");
        }
        ValidateReviews(s.Reviews);
        ValidateFaults(s.Faults);
        ValidateSeed(s.Seed);
        Require(s.SmsQuotas is not null, "$.smsQuotas", "must be an object");
        Require(s.IamPropagation is not null, "$.iamPropagation", "must be an object");
        Seconds(s.IamPropagation!.ReadSeconds, "$.iamPropagation.readSeconds");
        Seconds(s.IamPropagation.RoleAssumptionSeconds, "$.iamPropagation.roleAssumptionSeconds");
        if (s.Organization is { } organization)
        {
            ValidateOrganization(organization);
        }
    }

    private static void ValidateOrganization(SimulatedOrganization organization)
    {
        Require(OrganizationId().IsMatch(organization.Id ?? ""), "$.organization.id", "must be o- followed by 10 to 32 lower-case letters or digits (AWS Organizations' form)");
        Objects(organization.Accounts, "$.organization.accounts");
        var seen = new HashSet<string>(StringComparer.Ordinal) { SimulatorCredentials.AccountId };
        for (var i = 0; i < organization.Accounts.Count; i++)
        {
            var member = organization.Accounts[i];
            var field = $"$.organization.accounts[{i}]";
            Require(AccountId().IsMatch(member.AccountId ?? ""), field + ".accountId", "must be 12 digits");
            Require(seen.Add(member.AccountId!), field + ".accountId",
                member.AccountId == SimulatorCredentials.AccountId ? "is the simulated account itself (the local key's account)" : "appears twice");
            Require(member.Scenario is not null, field + ".scenario", "must be an object (a scenario)");
            Require(member.Scenario!.Organization is null, field + ".scenario.organization", "a member account cannot have an organisation of its own");
            try
            {
                Validate(member.Scenario);
            }
            catch (ScenarioException e)
            {
                throw new ScenarioException(field + ".scenario" + e.Field[1..], e.Problem);
            }
        }
    }

    private static void Seconds(double value, string field) =>
        Require(double.IsFinite(value) && value >= 0 && value <= 3600, field, "must be a number of seconds between 0 and 3600");

    private static void ValidateReviews(ReviewPolicies? r)
    {
        Require(r is not null, "$.reviews", "must be an object");
        Review(r!.SandboxExit, "$.reviews.sandboxExit");
        Review(r.SpendIncrease, "$.reviews.spendIncrease");
        Review(r.OriginationIdentity, "$.reviews.originationIdentity");
        Review(r.QuotaIncrease, "$.reviews.quotaIncrease");
        Review(r.Registration, "$.reviews.registration");
        Require(r.RegistrationVersionsSentBack is >= 0 and <= 10, "$.reviews.registrationVersionsSentBack", "must be a whole number from 0 to 10");
        Hours(r.QuotaCaseOpenedAfterHours, "$.reviews.quotaCaseOpenedAfterHours");
        Require(r.QuotaCaseOpenedAfterHours <= r.QuotaIncrease.DelayHours, "$.reviews.quotaCaseOpenedAfterHours",
            "must not be later than reviews.quotaIncrease.delayHours");
        Hours(r.PhoneNumberActivationHours, "$.reviews.phoneNumberActivationHours");
        Hours(r.GeneralResponseHours, "$.reviews.generalResponseHours");
        Hours(r.AutoResolveHours, "$.reviews.autoResolveHours");
    }

    private static void Review(ReviewPolicy? policy, string field)
    {
        Require(policy is not null, field, "must be an object {\"delayHours\": n, \"approve\": bool}");
        Hours(policy!.DelayHours, field + ".delayHours");
    }

    private static void Hours(double value, string field) =>
        Require(double.IsFinite(value) && value >= 0 && value <= 24 * 366, field, "must be a number of hours between 0 and 8784");

    private static void ValidateFaults(FaultInjection? f)
    {
        Require(f is not null, "$.faults", "must be an object");
        Require(f!.ThrottleRate is >= 0 and <= 1, "$.faults.throttleRate", "must be between 0 and 1");
        Require(f.ServerErrorRate is >= 0 and <= 1, "$.faults.serverErrorRate", "must be between 0 and 1");
        Require(f.ThrottleRate + f.ServerErrorRate <= 1, "$.faults", "throttleRate + serverErrorRate must not exceed 1");
        Require(f.Services is not null, "$.faults.services", "must be a list of signing names");
        for (var i = 0; i < f.Services!.Count; i++)
        {
            Require(SimulatorServer.SigningNames.Contains(f.Services[i]), $"$.faults.services[{i}]",
                $"'{f.Services[i]}' is not a simulated service ({string.Join(", ", SimulatorServer.SigningNames)})");
        }
    }

    private static void ValidateSeed(SeedData? seed)
    {
        Require(seed is not null, "$.seed", "must be an object");
        // The serializer lets null stand for a list or for any item of one; nothing below could use either.
        Objects(seed!.Roles, "$.seed.roles");
        Objects(seed.UserPools, "$.seed.userPools");
        Objects(seed.OriginationNumbers, "$.seed.originationNumbers");
        Objects(seed.VerifiedNumbers, "$.seed.verifiedNumbers");
        for (var i = 0; i < seed.Roles.Count; i++)
        {
            var role = seed.Roles[i];
            var field = $"$.seed.roles[{i}]";
            Require(role.RoleName is { Length: > 0 and <= 64 } && RoleName().IsMatch(role.RoleName), field + ".roleName", "must be 1-64 of [\\w+=,.@-]");
            Require(role.AssumeRolePolicyDocument is not null, field + ".assumeRolePolicyDocument", "is required");
            Require(role.Path is { Length: > 0 } && role.Path.StartsWith('/') && role.Path.EndsWith('/'), field + ".path", "must start and end with '/'");
        }
        for (var i = 0; i < seed.UserPools.Count; i++)
        {
            var pool = seed.UserPools[i];
            var field = $"$.seed.userPools[{i}]";
            RequireRegion(pool.Region, field + ".region");
            Require(pool.PoolName is { Length: > 0 and <= 128 }, field + ".poolName", "must be 1-128 characters");
            Require(pool.Id is null || pool.Id.StartsWith(pool.Region + "_", StringComparison.Ordinal) && PoolId().IsMatch(pool.Id),
                field + ".id", $"must look like '{pool.Region}_AbC123xyZ'");
        }
        for (var i = 0; i < seed.OriginationNumbers.Count; i++)
        {
            var number = seed.OriginationNumbers[i];
            var field = $"$.seed.originationNumbers[{i}]";
            RequireRegion(number.Region, field + ".region");
            Require(E164Pattern().IsMatch(number.PhoneNumber ?? ""), field + ".phoneNumber", "must be an E.164 number such as +18005550100 (or a short code such as 12345)");
            Require(number.NumberType is "LONG_CODE" or "TOLL_FREE" or "TEN_DLC" or "SHORT_CODE" or "SIMULATOR", field + ".numberType",
                "must be LONG_CODE, TOLL_FREE, TEN_DLC, SHORT_CODE or SIMULATOR");
            Require(number.MessageType is "TRANSACTIONAL" or "PROMOTIONAL", field + ".messageType", "must be TRANSACTIONAL or PROMOTIONAL");
            Require(IsoCountry().IsMatch(number.IsoCountryCode ?? ""), field + ".isoCountryCode", "must be two upper-case letters");
        }
        for (var i = 0; i < seed.VerifiedNumbers.Count; i++)
        {
            var number = seed.VerifiedNumbers[i];
            var field = $"$.seed.verifiedNumbers[{i}]";
            RequireRegion(number.Region, field + ".region");
            Require(E164Pattern().IsMatch(number.PhoneNumber ?? "") && number.PhoneNumber!.StartsWith('+'), field + ".phoneNumber", "must be an E.164 number such as +12065550123");
        }
        foreach (var group in seed.VerifiedNumbers.GroupBy(n => n.Region).Where(g => g.Count() > 10))
        {
            throw new ScenarioException("$.seed.verifiedNumbers", $"at most 10 sandbox numbers per Region ({group.Key} has {group.Count()})");
        }
    }

    private static void Objects<T>(IReadOnlyList<T>? list, string field)
    {
        Require(list is not null, field, "must be a list of objects");
        for (var i = 0; i < list!.Count; i++)
        {
            Require(list[i] is not null, $"{field}[{i}]", "must be an object, not null");
        }
    }

    private static void RequireRegion(string? region, string field) =>
        Require(region is not null && RegionPattern().IsMatch(region), field, $"'{region}' is not a Region code such as us-east-1");

    private static void Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            throw new ScenarioException(field, message);
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    [GeneratedRegex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^(\\+[0-9]{8,15}|[0-9]{5,6})$")]
    private static partial Regex E164Pattern();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex IsoCountry();

    [GeneratedRegex("^[\\w+=,.@-]+$")]
    private static partial Regex RoleName();

    [GeneratedRegex("^[\\w-]+_[0-9a-zA-Z]+$")]
    private static partial Regex PoolId();

    [GeneratedRegex("^o-[a-z0-9]{10,32}$")]
    private static partial Regex OrganizationId();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountId();

    [GeneratedRegex("'([^']+)'.*could not be mapped")]
    private static partial Regex UnmappedMember();
}
