using System.Text.Json.Nodes;
using SmsOnboarding.Domain.Phones;
using SmsOnboarding.Simulator.Protocol;
using SmsOnboarding.Simulator.Services.Sns;
using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator.Services.Cognito;

/// <summary>
/// AdminCreateUser and AdminDeleteUser, with the one side effect that matters here: the invitation SMS, which
/// Cognito sends by assuming the pool's SMS role (trust judged against the pool) and publishing with that
/// role's permissions in the pool's SNS Region.
/// </summary>
internal static class PoolUsers
{
    /// <summary>Cognito's default invitation text when the pool sets no InviteMessageTemplate.SMSMessage.</summary>
    public const string DefaultInvitation = "Your username is {username} and temporary password is {####}.";

    public static JsonObject Create(RequestContext context, UserPool pool, JsonObject input)
    {
        var account = context.Account;
        var requested = Json.ReqString(input, "Username", "InvalidParameterException");
        var attributes = Attributes(input);
        var action = Json.OptString(input, "MessageAction");
        if (action is not (null or "SUPPRESS" or "RESEND"))
        {
            throw new AwsServiceException("InvalidParameterException", $"1 validation error detected: Value '{action}' at 'messageAction' failed to satisfy constraint: Member must satisfy enum value set: [RESEND, SUPPRESS]");
        }
        var username = Username(pool, requested, attributes);
        JsonObject user;
        if (action == "RESEND")
        {
            user = Find(pool, requested);
        }
        else
        {
            if (pool.Users.ContainsKey(username) || FindByAlias(pool, requested) is not null)
            {
                throw new AwsServiceException("UsernameExistsException", "User account already exists");
            }
            attributes["sub"] = Guid.NewGuid().ToString();
            user = new JsonObject
            {
                ["Username"] = username,
                ["Attributes"] = new JsonArray([.. attributes.Select(a => (JsonNode)new JsonObject { ["Name"] = a.Key, ["Value"] = a.Value })]),
                ["UserCreateDate"] = Json.Epoch(context.Now),
                ["UserLastModifiedDate"] = Json.Epoch(context.Now),
                ["Enabled"] = true,
                ["UserStatus"] = "FORCE_CHANGE_PASSWORD",
            };
        }
        var mediums = Json.Strings(input, "DesiredDeliveryMediums");
        if (action != "SUPPRESS" && (mediums.Count == 0 || mediums.Contains("SMS")))
        {
            Invite(context, pool, user, username);
        }
        // Stored only once the invitation went out: a refused role leaves no user behind, as the call failed.
        pool.Users[username] = user;
        return new JsonObject { ["User"] = user.DeepClone() };
    }

    public static void Delete(UserPool pool, JsonObject input)
    {
        var username = Json.ReqString(input, "Username", "InvalidParameterException");
        var user = Find(pool, username);
        pool.Users.Remove(Json.OptString(user, "Username")!);
    }

    private static void Invite(RequestContext context, UserPool pool, JsonObject user, string username)
    {
        var phone = Attribute(user, "phone_number")
            ?? throw new AwsServiceException("InvalidParameterException", "User has no phone_number attribute to send the invitation SMS to (DesiredDeliveryMediums SMS).");
        if (pool.Settings["SmsConfiguration"] is not JsonObject sms)
        {
            throw new AwsServiceException("InvalidParameterException", "The user pool has no SMS configuration, so it cannot send the invitation SMS.");
        }
        // The same judgement UpdateUserPool makes: Cognito assumes the role (trust) and publishes with it (sns:Publish).
        SmsRoleCheck.Validate(context.Account, pool, sms);
        var template = pool.Settings["AdminCreateUserConfig"]?["InviteMessageTemplate"]?["SMSMessage"] is JsonValue custom && custom.TryGetValue<string>(out var text)
            ? text
            : DefaultInvitation;
        var password = "Tmp" + context.Account.NewId(10, "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789") + "!";
        var message = template.Replace("{username}", username, StringComparison.Ordinal).Replace("{####}", password, StringComparison.Ordinal);
        var snsRegion = Json.OptString(sms, "SnsRegion") ?? pool.Region;
        SmsSender.SendForService(context with { Region = snsRegion }, phone, message);
    }

    private static Dictionary<string, string> Attributes(JsonObject input)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (input["UserAttributes"] is not JsonArray list)
        {
            return result;
        }
        foreach (var item in list.OfType<JsonObject>())
        {
            var name = Json.ReqString(item, "Name", "InvalidParameterException");
            var value = Json.OptString(item, "Value") ?? "";
            // Cognito wants E.164 exactly as stored: "+" and digits, no spaces.
            if (name == "phone_number" && (!E164.TryNormalize(value, out var normalized, out _) || value != normalized))
            {
                throw new AwsServiceException("InvalidParameterException", "Invalid phone number format.");
            }
            result[name] = value;
        }
        return result;
    }

    /// <summary>
    /// A pool whose sign-in attributes are phone or e-mail (UsernameAttributes) takes that value as Username and
    /// makes up the real username itself (Cognito API reference, AdminCreateUser Username).
    /// </summary>
    private static string Username(UserPool pool, string requested, Dictionary<string, string> attributes)
    {
        var signIn = Json.Strings(pool.Fixed, "UsernameAttributes");
        if (signIn.Count == 0)
        {
            return requested;
        }
        var kind = requested.Contains('@', StringComparison.Ordinal) ? "email" : requested.StartsWith('+') ? "phone_number" : null;
        if (kind is null || !signIn.Contains(kind))
        {
            throw new AwsServiceException("InvalidParameterException", "Username should be either an email or a phone number.");
        }
        attributes[kind] = requested;
        return Guid.NewGuid().ToString();
    }

    private static JsonObject Find(UserPool pool, string username) =>
        (pool.Users[username] as JsonObject) ?? FindByAlias(pool, username)
        ?? throw new AwsServiceException("UserNotFoundException", "User does not exist.");

    private static JsonObject? FindByAlias(UserPool pool, string value) =>
        Json.Strings(pool.Fixed, "UsernameAttributes").Count == 0
            ? null
            : pool.Users.Select(u => u.Value).OfType<JsonObject>()
                .FirstOrDefault(u => Attribute(u, "phone_number") == value || Attribute(u, "email") == value);

    private static string? Attribute(JsonObject user, string name) =>
        (user["Attributes"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(a => Json.OptString(a, "Name") == name) is { } found
            ? Json.OptString(found, "Value")
            : null;
}
