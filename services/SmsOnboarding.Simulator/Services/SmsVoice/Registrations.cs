using System.Text.Json.Nodes;
using SmsOnboarding.Simulator.Protocol;
using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator.Services.SmsVoice;

/// <summary>
/// Registrations (US toll-free, 10DLC brand and campaign): a DRAFT version collects field values, is
/// submitted, reviewed by AWS (AWS_REVIEWING) and becomes APPROVED (registration COMPLETE) or DENIED
/// (REQUIRES_UPDATES) after the scenario's review time.
/// </summary>
internal static class Registrations
{
    private static readonly IReadOnlyDictionary<string, string> Types = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["US_TOLL_FREE_REGISTRATION"] = "US toll-free number registration",
        ["US_TEN_DLC_BRAND_REGISTRATION"] = "US 10DLC brand registration",
        ["US_TEN_DLC_BRAND_VETTING"] = "US 10DLC brand vetting",
        ["US_TEN_DLC_CAMPAIGN_REGISTRATION"] = "US 10DLC campaign registration",
    };

    private static readonly HashSet<string> FilterNames = ["registration-type", "registration-status"];
    private static readonly HashSet<string> VersionFilterNames = ["registration-version-status"];

    public static JsonObject TypeDefinitions() => new()
    {
        ["RegistrationTypeDefinitions"] = Json.Array(Types.Select(t => (JsonNode)new JsonObject
        {
            ["RegistrationType"] = t.Key,
            ["SupportedAssociations"] = t.Key is "US_TOLL_FREE_REGISTRATION" or "US_TEN_DLC_CAMPAIGN_REGISTRATION"
                ? new JsonArray(new JsonObject
                {
                    ["ResourceType"] = "PHONE_NUMBER",
                    ["IsoCountryCode"] = "US",
                    ["AssociationBehavior"] = t.Key == "US_TOLL_FREE_REGISTRATION" ? "ASSOCIATE_BEFORE_SUBMIT" : "ASSOCIATE_ON_APPROVAL",
                    ["DisassociationBehavior"] = "DISASSOCIATE_ALL_CLOSES_REGISTRATION",
                })
                : new JsonArray(),
            ["DisplayHints"] = new JsonObject { ["Title"] = t.Value, ["ShortDescription"] = t.Value },
        })),
    };

    public static JsonObject Create(JsonObject input, RequestContext context)
    {
        var account = context.Account;
        var type = Json.ReqString(input, "RegistrationType");
        if (Json.OptString(input, "ClientToken") is { } token &&
            account.Registrations.FirstOrDefault(r => r.Region == context.Region && r.ClientToken == token) is { } existing)
        {
            var again = Information(existing, context);
            again["Tags"] = SmsVoiceService.Tags(existing.Tags);
            return again;
        }
        if (!Types.ContainsKey(type))
        {
            throw SmsVoiceService.Validation("UNKNOWN_REGISTRATION_TYPE", $"Registration type '{type}' is not supported. Supported: {string.Join(", ", Types.Keys)}.");
        }
        var registration = new Registration
        {
            Region = context.Region,
            RegistrationId = "registration-" + account.NewId(32, "0123456789abcdef"),
            RegistrationType = type,
            CreatedAt = context.Now,
            Tags = SmsVoiceService.ReadTags(input),
            ClientToken = Json.OptString(input, "ClientToken"),
        };
        registration.Versions.Add(new RegistrationVersion(1, context.Now));
        account.Registrations.Add(registration);
        var result = Information(registration, context);
        result["Tags"] = SmsVoiceService.Tags(registration.Tags);
        return result;
    }

    public static JsonObject CreateAttachment(JsonObject input, RequestContext context)
    {
        var body = Json.OptString(input, "AttachmentBody");
        var url = Json.OptString(input, "AttachmentUrl");
        if ((body is null) == (url is null))
        {
            throw SmsVoiceService.Validation("PARAMETERS_CANNOT_BE_USED_TOGETHER", "Provide exactly one of AttachmentBody or AttachmentUrl.");
        }
        if (url is not null && !url.StartsWith("s3://", StringComparison.Ordinal))
        {
            throw SmsVoiceService.Validation("INVALID_PARAMETER", "AttachmentUrl must be an s3:// URL.");
        }
        // awsJson blobs are base64: 500 KB of file is about 683 KB of text.
        if (body is not null && body.Length > 683_000)
        {
            throw SmsVoiceService.Validation("MAXIMUM_SIZE_EXCEEDED", "Attachments are limited to 500 KB.");
        }
        var account = context.Account;
        var id = "attachment-" + account.NewId(32, "0123456789abcdef");
        account.RegistrationAttachments.Add((context.Region, id, context.Now));
        return new JsonObject
        {
            ["RegistrationAttachmentArn"] = $"arn:aws:sms-voice:{context.Region}:{account.AccountId}:registration-attachment/{id}",
            ["RegistrationAttachmentId"] = id,
            ["AttachmentStatus"] = "UPLOAD_COMPLETE",
            ["Tags"] = SmsVoiceService.Tags(SmsVoiceService.ReadTags(input)),
            ["CreatedTimestamp"] = Json.Epoch(context.Now),
        };
    }

    public static JsonObject PutFieldValue(JsonObject input, RequestContext context)
    {
        var registration = Find(input, context);
        var path = Json.ReqString(input, "FieldPath");
        var field = RegistrationForms.Find(registration.RegistrationType, path);
        var version = registration.Current;
        if (version.Status(context.Now) != "DRAFT")
        {
            throw SmsVoiceService.Conflict("EDIT_REGISTRATION_FIELD_VALUES_NOT_ALLOWED",
                $"Version {version.Number} of {registration.RegistrationId} was already submitted.", "registration", registration.RegistrationId);
        }
        var value = new Dictionary<string, object>(StringComparer.Ordinal);
        if (Json.OptString(input, "TextValue") is { } text)
        {
            value["TextValue"] = text;
        }
        if (input["SelectChoices"] is JsonArray)
        {
            value["SelectChoices"] = Json.Strings(input, "SelectChoices");
        }
        if (Json.OptString(input, "RegistrationAttachmentId") is { } attachment)
        {
            if (context.Account.RegistrationAttachments.All(a => a.Region != context.Region || (a.Id != attachment && !attachment.EndsWith("/" + a.Id, StringComparison.Ordinal))))
            {
                throw SmsVoiceService.NotFound("registration-attachment", attachment);
            }
            value["RegistrationAttachmentId"] = attachment;
        }
        if (value.Count != 1)
        {
            throw SmsVoiceService.Validation("PARAMETERS_CANNOT_BE_USED_TOGETHER", "Provide exactly one of TextValue, SelectChoices or RegistrationAttachmentId.");
        }
        var expected = field.Type switch { "TEXT" => "TextValue", "SELECT" => "SelectChoices", _ => "RegistrationAttachmentId" };
        if (!value.ContainsKey(expected))
        {
            throw SmsVoiceService.Validation("FIELD_VALIDATION_FAILED", $"Field {path} is of type {field.Type}: set {expected}.");
        }
        if (field.Options is { } options && Json.Strings(input, "SelectChoices").Any(c => !options.Contains(c)))
        {
            throw SmsVoiceService.Validation("FIELD_VALIDATION_FAILED", $"Field {path} accepts only: {string.Join(", ", options)}.");
        }
        version.Fields[path] = value;
        var result = new JsonObject
        {
            ["RegistrationArn"] = registration.Arn(context.Account.AccountId),
            ["RegistrationId"] = registration.RegistrationId,
            ["VersionNumber"] = version.Number,
            ["FieldPath"] = path,
        };
        AddValue(result, value);
        return result;
    }

    public static JsonObject FieldValues(JsonObject input, RequestContext context)
    {
        var registration = Find(input, context);
        var number = Json.OptInt(input, "VersionNumber") ?? registration.Current.Number;
        var version = registration.Versions.FirstOrDefault(v => v.Number == number)
            ?? throw SmsVoiceService.Validation("UNKNOWN_REGISTRATION_VERSION", $"Version {number} does not exist.");
        var paths = Json.Strings(input, "FieldPaths");
        return new JsonObject
        {
            ["RegistrationArn"] = registration.Arn(context.Account.AccountId),
            ["RegistrationId"] = registration.RegistrationId,
            ["VersionNumber"] = version.Number,
            ["RegistrationFieldValues"] = Json.Array(version.Fields
                .Where(f => paths.Count == 0 || paths.Contains(f.Key))
                .Select(f =>
                {
                    var item = new JsonObject { ["FieldPath"] = f.Key };
                    AddValue(item, f.Value);
                    return (JsonNode)item;
                })),
        };
    }

    public static JsonObject Associate(JsonObject input, RequestContext context)
    {
        var account = context.Account;
        var registration = Find(input, context);
        var resourceId = Json.ReqString(input, "ResourceId");
        var number = account.OriginationNumbers.FirstOrDefault(n => n.Region == context.Region &&
                         (n.PhoneNumberId == resourceId || n.Arn(account.AccountId) == resourceId))
            ?? throw SmsVoiceService.NotFound("phone-number", resourceId);
        if (number.RegistrationId is { } existing && existing != registration.RegistrationId)
        {
            throw SmsVoiceService.Conflict("PHONE_NUMBER_ASSOCIATED_TO_REGISTRATION", $"{number.PhoneNumberId} is already associated with {existing}.", "phone-number", number.PhoneNumberId);
        }
        number.RegistrationId = registration.RegistrationId;
        return new JsonObject
        {
            ["RegistrationArn"] = registration.Arn(account.AccountId),
            ["RegistrationId"] = registration.RegistrationId,
            ["RegistrationType"] = registration.RegistrationType,
            ["ResourceArn"] = number.Arn(account.AccountId),
            ["ResourceId"] = number.PhoneNumberId,
            ["ResourceType"] = "phone-number",
            ["IsoCountryCode"] = number.IsoCountryCode,
            ["PhoneNumber"] = number.PhoneNumber,
        };
    }

    public static JsonObject Submit(JsonObject input, RequestContext context)
    {
        var registration = Find(input, context);
        var version = registration.Current;
        if (version.Status(context.Now) != "DRAFT")
        {
            throw SmsVoiceService.Conflict("REGISTRATION_ALREADY_SUBMITTED", $"Version {version.Number} of {registration.RegistrationId} was already submitted.",
                "registration", registration.RegistrationId);
        }
        var missing = RegistrationForms.Forms[registration.RegistrationType]
            .Where(f => f.Requirement == "REQUIRED" && !version.Fields.ContainsKey(f.Path)).Select(f => f.Path).ToList();
        if (missing.Count > 0)
        {
            throw SmsVoiceService.Validation("FIELD_VALIDATION_FAILED", $"Required fields have no value: {string.Join(", ", missing)}.");
        }
        version.SubmittedAt = context.Now;
        version.Review = context.Account.CurrentScenario.Reviews.Registration;
        return new JsonObject
        {
            ["RegistrationArn"] = registration.Arn(context.Account.AccountId),
            ["RegistrationId"] = registration.RegistrationId,
            ["VersionNumber"] = version.Number,
            ["RegistrationVersionStatus"] = version.Status(context.Now),
            ["RegistrationVersionStatusHistory"] = History(version, context.Now),
            ["AwsReview"] = Json.OptBool(input, "AwsReview") ?? false,
        };
    }

    public static JsonObject Describe(JsonObject input, RequestContext context)
    {
        var account = context.Account;
        var ids = Json.Strings(input, "RegistrationIds");
        var filters = SmsVoiceService.Filters(input, FilterNames);
        var registrations = account.Registrations.Where(r => r.Region == context.Region).ToList();
        foreach (var id in ids.Where(id => registrations.All(r => r.RegistrationId != id && r.Arn(account.AccountId) != id)))
        {
            throw SmsVoiceService.NotFound("registration", id);
        }
        var selected = registrations
            .Where(r => ids.Count == 0 || ids.Contains(r.RegistrationId) || ids.Contains(r.Arn(account.AccountId)))
            .Where(r => filters.All(f => f.Values.Contains(f.Name == "registration-type" ? r.RegistrationType : r.Status(context.Now))))
            .ToList();
        var (page, next) = Paging.Page(selected, Json.OptString(input, "NextToken"), Json.OptInt(input, "MaxResults") ?? 100);
        var result = new JsonObject { ["Registrations"] = Json.Array(page.Select(r => (JsonNode)Information(r, context))) };
        if (next is not null)
        {
            result["NextToken"] = next;
        }
        return result;
    }

    public static JsonObject DescribeVersions(JsonObject input, RequestContext context)
    {
        var registration = Find(input, context);
        var numbers = Json.Ints(input, "VersionNumbers");
        var filters = SmsVoiceService.Filters(input, VersionFilterNames);
        var versions = registration.Versions
            .Where(v => numbers.Count == 0 || numbers.Contains(v.Number))
            .Where(v => filters.All(f => f.Values.Contains(v.Status(context.Now))))
            .OrderByDescending(v => v.Number)
            .Select(v =>
            {
                var status = v.Status(context.Now);
                var item = new JsonObject
                {
                    ["VersionNumber"] = v.Number,
                    ["RegistrationVersionStatus"] = status,
                    ["RegistrationVersionStatusHistory"] = History(v, context.Now),
                };
                if (status == "DENIED")
                {
                    item["DeniedReasons"] = new JsonArray(new JsonObject
                    {
                        ["Reason"] = "Opt-in process",
                        ["ShortDescription"] = "The opt-in workflow does not show how end users consent to receive messages.",
                        ["LongDescription"] = "Provide a publicly reachable description or screenshot of the opt-in flow, including the consent language.",
                    });
                }
                return (JsonNode)item;
            });
        return new JsonObject
        {
            ["RegistrationArn"] = registration.Arn(context.Account.AccountId),
            ["RegistrationId"] = registration.RegistrationId,
            ["RegistrationVersions"] = Json.Array(versions),
        };
    }

    private static Registration Find(JsonObject input, RequestContext context)
    {
        var id = Json.ReqString(input, "RegistrationId");
        return context.Account.Registrations.FirstOrDefault(r => r.Region == context.Region &&
                   (r.RegistrationId == id || r.Arn(context.Account.AccountId) == id))
            ?? throw SmsVoiceService.NotFound("registration", id);
    }

    private static JsonObject Information(Registration r, RequestContext context)
    {
        var result = new JsonObject
        {
            ["RegistrationArn"] = r.Arn(context.Account.AccountId),
            ["RegistrationId"] = r.RegistrationId,
            ["RegistrationType"] = r.RegistrationType,
            ["RegistrationStatus"] = r.Status(context.Now),
            ["CurrentVersionNumber"] = r.Current.Number,
            ["CreatedTimestamp"] = Json.Epoch(r.CreatedAt),
        };
        if (r.Versions.LastOrDefault(v => v.Status(context.Now) == "APPROVED") is { } approved)
        {
            result["ApprovedVersionNumber"] = approved.Number;
        }
        if (r.Versions.LastOrDefault(v => v.Status(context.Now) == "DENIED") is { } denied)
        {
            result["LatestDeniedVersionNumber"] = denied.Number;
        }
        return result;
    }

    private static JsonObject History(RegistrationVersion version, DateTimeOffset now)
    {
        var history = new JsonObject { ["DraftTimestamp"] = Json.Epoch(version.DraftAt) };
        if (version.SubmittedAt is { } submitted)
        {
            history["SubmittedTimestamp"] = Json.Epoch(submitted);
        }
        if (version.ReviewingAt is { } reviewing && now >= reviewing)
        {
            history["AwsReviewingTimestamp"] = Json.Epoch(reviewing);
        }
        if (version.DecidedAt is { } decided && now >= decided)
        {
            history[version.Review!.Approve ? "ApprovedTimestamp" : "DeniedTimestamp"] = Json.Epoch(decided);
        }
        return history;
    }

    private static void AddValue(JsonObject target, Dictionary<string, object> value)
    {
        foreach (var (name, item) in value)
        {
            target[name] = item is IReadOnlyList<string> list ? Json.Strings(list) : JsonValue.Create((string)item);
        }
    }
}
