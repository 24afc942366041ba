using System.Text.Json.Nodes;

namespace SmsOnboarding.Simulator.Services.Cognito;

/// <summary>
/// What Cognito sets when a member is not given to CreateUserPool or UpdateUserPool. UpdateUserPool replaces
/// every member it accepts: an omitted one goes back to this default (Lambda triggers, email/SMS settings,
/// MFA, verification templates, tags, ...), as the API reference warns.
/// </summary>
internal static class UserPoolDefaults
{
    /// <summary>UpdateUserPool's input members other than UserPoolId and PoolName.</summary>
    public static readonly IReadOnlyList<string> MutableMembers =
    [
        "Policies", "DeletionProtection", "LambdaConfig", "AutoVerifiedAttributes", "SmsVerificationMessage",
        "EmailVerificationMessage", "EmailVerificationSubject", "VerificationMessageTemplate", "SmsAuthenticationMessage",
        "UserAttributeUpdateSettings", "MfaConfiguration", "DeviceConfiguration", "EmailConfiguration", "SmsConfiguration",
        "UserPoolTags", "AdminCreateUserConfig", "UserPoolAddOns", "AccountRecoverySetting", "UserPoolTier",
    ];

    /// <summary>Members fixed at creation.</summary>
    public static readonly IReadOnlyList<string> CreateOnlyMembers = ["AliasAttributes", "UsernameAttributes", "UsernameConfiguration"];

    public static JsonObject Settings() => new()
    {
        ["Policies"] = new JsonObject
        {
            ["PasswordPolicy"] = new JsonObject
            {
                ["MinimumLength"] = 8,
                ["RequireUppercase"] = true,
                ["RequireLowercase"] = true,
                ["RequireNumbers"] = true,
                ["RequireSymbols"] = true,
                ["TemporaryPasswordValidityDays"] = 7,
            },
            ["SignInPolicy"] = new JsonObject { ["AllowedFirstAuthFactors"] = new JsonArray("PASSWORD") },
        },
        ["DeletionProtection"] = "INACTIVE",
        ["LambdaConfig"] = new JsonObject(),
        ["VerificationMessageTemplate"] = new JsonObject { ["DefaultEmailOption"] = "CONFIRM_WITH_CODE" },
        ["UserAttributeUpdateSettings"] = new JsonObject { ["AttributesRequireVerificationBeforeUpdate"] = new JsonArray() },
        ["MfaConfiguration"] = "OFF",
        ["EmailConfiguration"] = new JsonObject { ["EmailSendingAccount"] = "COGNITO_DEFAULT" },
        ["UserPoolTags"] = new JsonObject(),
        ["AdminCreateUserConfig"] = new JsonObject { ["AllowAdminCreateUserOnly"] = false, ["UnusedAccountValidityDays"] = 7 },
        ["UserPoolTier"] = "ESSENTIALS",
    };

    public static JsonArray StandardSchema()
    {
        var schema = new JsonArray();
        foreach (var (name, type, mutable, required) in new[]
                 {
                     ("sub", "String", false, true), ("email", "String", true, false), ("email_verified", "Boolean", true, false),
                     ("phone_number", "String", true, false), ("phone_number_verified", "Boolean", true, false),
                     ("name", "String", true, false), ("updated_at", "Number", true, false),
                 })
        {
            schema.Add(new JsonObject
            {
                ["Name"] = name,
                ["AttributeDataType"] = type,
                ["DeveloperOnlyAttribute"] = false,
                ["Mutable"] = mutable,
                ["Required"] = required,
            });
        }
        return schema;
    }
}
