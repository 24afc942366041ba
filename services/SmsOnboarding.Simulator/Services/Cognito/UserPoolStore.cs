using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SmsOnboarding.Simulator.Protocol;
using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator.Services.Cognito;

internal static partial class UserPoolStore
{
    public static UserPool Create(SimulatedAccount account, string region, JsonObject input, string? id = null, bool checkSmsRole = true)
    {
        var name = ValidPoolName(Json.ReqString(input, "PoolName", "InvalidParameterException"));
        id ??= region + "_" + account.NewId(9, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
        if (account.UserPools.ContainsKey(id))
        {
            throw new AwsServiceException("InvalidParameterException", $"User pool {id} already exists.");
        }
        var now = account.Now;
        var pool = new UserPool
        {
            Id = id,
            Region = region,
            Name = name,
            CreationDate = now,
            LastModifiedDate = now,
            Fixed = FixedSettings(input),
        };
        pool.Settings = SettingsFrom(input, keepTierOf: null);
        Validate(account, pool, checkSmsRole);
        account.UserPools[id] = pool;
        return pool;
    }

    public static UserPool Find(SimulatedAccount account, string region, string id) =>
        account.UserPools.TryGetValue(id, out var pool) && pool.Region == region
            ? pool
            : throw new AwsServiceException("ResourceNotFoundException", $"User pool {id} does not exist.");

    /// <summary>UpdateUserPool: the input replaces every mutable member; what it omits goes back to the default.</summary>
    public static void Update(SimulatedAccount account, UserPool pool, JsonObject input)
    {
        var settings = SettingsFrom(input, keepTierOf: pool);
        var candidate = new UserPool
        {
            Id = pool.Id,
            Region = pool.Region,
            Name = pool.Name,
            CreationDate = pool.CreationDate,
            Settings = settings,
        };
        Validate(account, candidate, checkSmsRole: true);
        pool.Settings = settings;
        if (Json.OptString(input, "PoolName") is { } name)
        {
            pool.Name = ValidPoolName(name);
        }
        pool.LastModifiedDate = account.Now;
    }

    public static JsonObject Describe(SimulatedAccount account, UserPool pool)
    {
        var result = new JsonObject
        {
            ["Id"] = pool.Id,
            ["Name"] = pool.Name,
            ["Arn"] = pool.Arn(account.AccountId),
            ["Status"] = "Enabled",
            ["CreationDate"] = Json.Epoch(pool.CreationDate),
            ["LastModifiedDate"] = Json.Epoch(pool.LastModifiedDate),
            ["EstimatedNumberOfUsers"] = pool.Users.Count,
        };
        foreach (var (name, value) in pool.Fixed)
        {
            result[name] = value?.DeepClone();
        }
        foreach (var (name, value) in pool.Settings)
        {
            result[name] = value?.DeepClone();
        }
        if (SmsConfigurationFailure(account, pool) is { } failure)
        {
            result["SmsConfigurationFailure"] = failure;
        }
        return result;
    }

    private static string? SmsConfigurationFailure(SimulatedAccount account, UserPool pool)
    {
        if (pool.Settings["SmsConfiguration"] is not JsonObject sms)
        {
            return null;
        }
        var failures = new List<string>();
        if (SmsRoleCheck.CurrentFailure(account, pool, sms) is { } roleFailure)
        {
            failures.Add(roleFailure);
        }
        var snsRegion = Json.OptString(sms, "SnsRegion") ?? pool.Region;
        if (account.Sms(snsRegion).InSandbox)
        {
            failures.Add("SNSSandbox");
        }
        return failures.Count == 0 ? null : string.Join(',', failures);
    }

    internal static void Validate(SimulatedAccount account, UserPool pool, bool checkSmsRole)
    {
        var settings = pool.Settings;
        if (Json.OptString(settings, "MfaConfiguration") is { } mfa && mfa is not ("OFF" or "ON" or "OPTIONAL"))
        {
            throw new AwsServiceException("InvalidParameterException", $"1 validation error detected: Value '{mfa}' at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum value set: [OFF, ON, OPTIONAL]");
        }
        if (Json.OptString(settings, "DeletionProtection") is { } protection && protection is not ("ACTIVE" or "INACTIVE"))
        {
            throw new AwsServiceException("InvalidParameterException", $"1 validation error detected: Value '{protection}' at 'deletionProtection' failed to satisfy constraint: Member must satisfy enum value set: [ACTIVE, INACTIVE]");
        }
        RequireCodePlaceholder(Json.OptString(settings, "SmsAuthenticationMessage"), "smsAuthenticationMessage");
        if (settings["VerificationMessageTemplate"] is JsonObject template)
        {
            RequireCodePlaceholder(Json.OptString(template, "SmsMessage"), "verificationMessageTemplate.smsMessage");
        }
        foreach (var attribute in Json.Strings(settings, "AutoVerifiedAttributes"))
        {
            if (attribute is not ("phone_number" or "email"))
            {
                throw new AwsServiceException("InvalidParameterException", $"1 validation error detected: Value '[{attribute}]' at 'autoVerifiedAttributes' failed to satisfy constraint: Member must satisfy enum value set: [phone_number, email]");
            }
        }
        if (Json.Strings(settings, "AutoVerifiedAttributes").Contains("phone_number") && settings["SmsConfiguration"] is null && checkSmsRole)
        {
            throw new AwsServiceException("InvalidParameterException", "SMS configuration is required to auto-verify phone numbers (AutoVerifiedAttributes contains phone_number).");
        }
        if (settings["SmsConfiguration"] is JsonObject sms && checkSmsRole)
        {
            SmsRoleCheck.Validate(account, pool, sms);
        }
    }

    private static void RequireCodePlaceholder(string? message, string member)
    {
        if (message is not null && (message.Length is < 6 or > 140 || !message.Contains("{####}", StringComparison.Ordinal)))
        {
            throw new AwsServiceException("InvalidParameterException",
                $"1 validation error detected: Value at '{member}' failed to satisfy constraint: Member must have length between 6 and 140 and contain {{####}}");
        }
    }

    private static JsonObject SettingsFrom(JsonObject input, UserPool? keepTierOf)
    {
        var settings = UserPoolDefaults.Settings();
        // Tier is billing, changed deliberately (TierChangeNotAllowedException exists): omitting it keeps it.
        if (keepTierOf?.Settings["UserPoolTier"] is { } tier)
        {
            settings["UserPoolTier"] = tier.DeepClone();
        }
        foreach (var member in UserPoolDefaults.MutableMembers)
        {
            if (input[member] is { } value)
            {
                settings[member] = value.DeepClone();
            }
        }
        return settings;
    }

    private static JsonObject FixedSettings(JsonObject input)
    {
        var result = new JsonObject();
        foreach (var member in UserPoolDefaults.CreateOnlyMembers)
        {
            if (input[member] is { } value)
            {
                result[member] = value.DeepClone();
            }
        }
        var schema = UserPoolDefaults.StandardSchema();
        if (input["Schema"] is JsonArray custom)
        {
            foreach (var attribute in custom.OfType<JsonObject>())
            {
                var copy = (JsonObject)attribute.DeepClone();
                if (Json.OptString(copy, "Name") is { } n && schema.OfType<JsonObject>().All(s => Json.OptString(s, "Name") != n))
                {
                    copy["Name"] = "custom:" + n;
                }
                schema.Add(copy);
            }
        }
        result["SchemaAttributes"] = schema;
        return result;
    }

    private static string ValidPoolName(string name) =>
        name.Length <= 128 && PoolName().IsMatch(name)
            ? name
            : throw new AwsServiceException("InvalidParameterException", $"1 validation error detected: Value '{name}' at 'poolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+");

    [GeneratedRegex("^[\\w\\s+=,.@-]+$")]
    private static partial Regex PoolName();
}
