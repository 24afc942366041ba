using System.Text.Json.Nodes;
using SmsOnboarding.Simulator.Protocol;

namespace SmsOnboarding.Simulator.Services.Cognito;

/// <summary>Cognito user pools (awsJson1_1, AWSCognitoIdentityProviderService).</summary>
internal sealed class CognitoService : IJsonService
{
    public string SigningName => "cognito-idp";
    public string TargetPrefix => "AWSCognitoIdentityProviderService";
    public string JsonVersion => "1.1";
    public CommonErrors Errors { get; } = new("TooManyRequestsException", 400, "InternalErrorException", "UnknownOperationException", "InvalidParameterException");

    public JsonObject Handle(string operation, JsonObject input, RequestContext context)
    {
        var account = context.Account;
        switch (operation)
        {
            case "CreateUserPool":
                var created = UserPoolStore.Create(account, context.Region, input);
                return new JsonObject { ["UserPool"] = UserPoolStore.Describe(account, created) };
            case "DescribeUserPool":
                return new JsonObject { ["UserPool"] = UserPoolStore.Describe(account, Pool(input, context)) };
            case "UpdateUserPool":
                UserPoolStore.Update(account, Pool(input, context), input);
                return [];
            case "SetUserPoolMfaConfig":
                return SetMfaConfig(account, Pool(input, context), input);
            case "GetUserPoolMfaConfig":
                return MfaConfigJson(Pool(input, context));
            case "AdminCreateUser":
                return PoolUsers.Create(context, Pool(input, context), input);
            case "AdminDeleteUser":
                PoolUsers.Delete(Pool(input, context), input);
                return [];
            default:
                throw new AwsServiceException("UnknownOperationException", $"Unknown operation {operation}.");
        }
    }

    private static State.UserPool Pool(JsonObject input, RequestContext context) =>
        UserPoolStore.Find(context.Account, context.Region, Json.ReqString(input, "UserPoolId", "InvalidParameterException"));

    /// <summary>
    /// Changes only the members it is given (unlike UpdateUserPool): AWS does not document a reset here, and
    /// the SDKs use it precisely to change MFA/SMS settings alone.
    /// </summary>
    private static JsonObject SetMfaConfig(SimulatedAccount account, State.UserPool pool, JsonObject input)
    {
        var settings = (JsonObject)pool.Settings.DeepClone();
        if (Json.OptObject(input, "SmsMfaConfiguration") is { } smsMfa)
        {
            SetOrRemove(settings, "SmsAuthenticationMessage", smsMfa["SmsAuthenticationMessage"]);
            SetOrRemove(settings, "SmsConfiguration", smsMfa["SmsConfiguration"]);
        }
        if (Json.OptString(input, "MfaConfiguration") is { } mfa)
        {
            settings["MfaConfiguration"] = mfa;
        }
        var candidate = new State.UserPool { Id = pool.Id, Region = pool.Region, Name = pool.Name, CreationDate = pool.CreationDate, Settings = settings };
        UserPoolStore.Validate(account, candidate, checkSmsRole: true);
        foreach (var factor in new[] { "SoftwareTokenMfaConfiguration", "EmailMfaConfiguration", "WebAuthnConfiguration" })
        {
            if (input[factor] is { } value)
            {
                pool.MfaFactors[factor] = value.DeepClone();
            }
        }
        pool.Settings = settings;
        pool.LastModifiedDate = account.Now;
        return MfaConfigJson(pool);
    }

    private static JsonObject MfaConfigJson(State.UserPool pool)
    {
        var settings = pool.Settings;
        var result = new JsonObject { ["MfaConfiguration"] = settings["MfaConfiguration"]?.DeepClone() };
        if (settings["SmsConfiguration"] is not null || settings["SmsAuthenticationMessage"] is not null)
        {
            var sms = new JsonObject();
            SetOrRemove(sms, "SmsAuthenticationMessage", settings["SmsAuthenticationMessage"]);
            SetOrRemove(sms, "SmsConfiguration", settings["SmsConfiguration"]);
            result["SmsMfaConfiguration"] = sms;
        }
        foreach (var (name, value) in pool.MfaFactors)
        {
            result[name] = value?.DeepClone();
        }
        return result;
    }

    private static void SetOrRemove(JsonObject target, string name, JsonNode? value)
    {
        if (value is null)
        {
            target.Remove(name);
        }
        else
        {
            target[name] = value.DeepClone();
        }
    }
}
