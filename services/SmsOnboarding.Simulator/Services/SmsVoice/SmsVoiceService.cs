using System.Text.Json.Nodes;
using SmsOnboarding.Simulator.Protocol;
using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator.Services.SmsVoice;

/// <summary>AWS End User Messaging SMS (Pinpoint SMS Voice v2; awsJson1_0, signing name sms-voice).</summary>
internal sealed class SmsVoiceService : IJsonService
{
    public string SigningName => "sms-voice";
    public string TargetPrefix => "PinpointSMSVoiceV2";
    public string JsonVersion => "1.0";
    public CommonErrors Errors { get; } = new("ThrottlingException", 400, "InternalServerException", "UnknownOperationException", "ValidationException");

    public JsonObject Handle(string operation, JsonObject input, RequestContext context) => operation switch
    {
        "DescribeAccountAttributes" => AccountAttributes(context),
        "DescribeSpendLimits" => SpendLimits(context),
        "DescribePhoneNumbers" => PhoneNumberLeases.Describe(input, context),
        "RequestPhoneNumber" => PhoneNumberLeases.Request(input, context),
        "DescribeRegistrationTypeDefinitions" => Registrations.TypeDefinitions(),
        "DescribeRegistrationFieldDefinitions" => RegistrationForms.Describe(input),
        "CreateRegistrationAttachment" => Registrations.CreateAttachment(input, context),
        "CreateRegistration" => Registrations.Create(input, context),
        "PutRegistrationFieldValue" => Registrations.PutFieldValue(input, context),
        "DescribeRegistrationFieldValues" => Registrations.FieldValues(input, context),
        "CreateRegistrationAssociation" => Registrations.Associate(input, context),
        "SubmitRegistrationVersion" => Registrations.Submit(input, context),
        "CreateRegistrationVersion" => Registrations.CreateVersion(input, context),
        "DescribeRegistrations" => Registrations.Describe(input, context),
        "DescribeRegistrationVersions" => Registrations.DescribeVersions(input, context),
        _ => throw new AwsServiceException("UnknownOperationException", $"Unknown operation {operation}."),
    };

    // The SMS sandbox is shared with SNS (AWS blog "Introducing the Amazon Pinpoint SMS sandbox").
    private static JsonObject AccountAttributes(RequestContext context) => new()
    {
        ["AccountAttributes"] = new JsonArray(new JsonObject
        {
            ["Name"] = "ACCOUNT_TIER",
            ["Value"] = context.Account.Sms(context.Region).InSandbox ? "SANDBOX" : "PRODUCTION",
        }),
    };

    private static JsonObject SpendLimits(RequestContext context)
    {
        var sms = context.Account.Sms(context.Region);
        var max = (long)decimal.Floor(sms.ApprovedSpendQuotaUsd);
        var enforced = (long)decimal.Floor(sms.MonthlySpendLimit);
        JsonObject Limit(string name, long enforcedLimit) => new()
        {
            ["Name"] = name,
            ["EnforcedLimit"] = enforcedLimit,
            ["MaxLimit"] = max,
            ["Overridden"] = enforcedLimit != max,
        };
        return new JsonObject
        {
            ["SpendLimits"] = new JsonArray(
                Limit("TEXT_MESSAGE_MONTHLY_SPEND_LIMIT", enforced),
                Limit("VOICE_MESSAGE_MONTHLY_SPEND_LIMIT", max),
                Limit("MEDIA_MESSAGE_MONTHLY_SPEND_LIMIT", max)),
        };
    }

    /// <summary>The model's ValidationException: a Reason and, when fields are to blame, Fields[{Name, Message}].</summary>
    internal static AwsServiceException Validation(string reason, string message, params string[] fields)
    {
        var members = new JsonObject { ["Reason"] = reason };
        if (fields.Length > 0)
        {
            members["Fields"] = Json.Array(fields.Select(f => (JsonNode)new JsonObject { ["Name"] = f, ["Message"] = message }));
        }
        return new("ValidationException", message, 400, members);
    }

    internal static AwsServiceException NotFound(string resourceType, string id) =>
        new("ResourceNotFoundException", $"The {resourceType} {id} does not exist.", 404,
            new JsonObject { ["ResourceType"] = resourceType, ["ResourceId"] = id });

    internal static AwsServiceException Conflict(string reason, string message, string resourceType, string id) =>
        new("ConflictException", message, 400,
            new JsonObject { ["Reason"] = reason, ["ResourceType"] = resourceType, ["ResourceId"] = id });

    internal static JsonArray Tags(IReadOnlyDictionary<string, string> tags) =>
        Json.Array(tags.Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value }));

    internal static Dictionary<string, string> ReadTags(JsonObject input) =>
        (input["Tags"] as JsonArray ?? []).OfType<JsonObject>()
            .ToDictionary(t => Json.OptString(t, "Key") ?? "", t => Json.OptString(t, "Value") ?? "", StringComparer.Ordinal);

    /// <summary>Filters are [{Name, Values[]}]; every filter must match one of its values.</summary>
    internal static IReadOnlyList<(string Name, IReadOnlyList<string> Values)> Filters(JsonObject input, IReadOnlySet<string> allowed)
    {
        var filters = new List<(string, IReadOnlyList<string>)>();
        foreach (var filter in (input["Filters"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = Json.OptString(filter, "Name") ?? "";
            if (!allowed.Contains(name))
            {
                throw Validation("INVALID_FILTER_VALUES", $"'{name}' is not a valid filter name. Valid names: {string.Join(", ", allowed)}.");
            }
            filters.Add((name, Json.Strings(filter, "Values")));
        }
        return filters;
    }
}
