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

    // AWS-FACTS-2 §1-2: toll-free numbers and a campaign's brand are associated before submit; a campaign's 10DLC
    // number after the campaign is COMPLETE; the vetting registration names its brand before submit.
    private static readonly IReadOnlyDictionary<string, (string Resource, string Behavior)[]> Associations = new Dictionary<string, (string, string)[]>(StringComparer.Ordinal)
    {
        ["US_TOLL_FREE_REGISTRATION"] = [("PHONE_NUMBER", "ASSOCIATE_BEFORE_SUBMIT")],
        ["US_TEN_DLC_BRAND_REGISTRATION"] = [],
        ["US_TEN_DLC_BRAND_VETTING"] = [("REGISTRATION", "ASSOCIATE_BEFORE_SUBMIT")],
        ["US_TEN_DLC_CAMPAIGN_REGISTRATION"] = [("REGISTRATION", "ASSOCIATE_BEFORE_SUBMIT"), ("PHONE_NUMBER", "ASSOCIATE_AFTER_COMPLETE")],
    };

    public static JsonObject TypeDefinitions() => new()
    {
        ["RegistrationTypeDefinitions"] = Json.Array(Types.Select(t => (JsonNode)new JsonObject
        {
            ["RegistrationType"] = t.Key,
            ["SupportedAssociations"] = Json.Array(Associations[t.Key].Select(a => (JsonNode)new JsonObject
            {
                ["ResourceType"] = a.Resource,
                ["IsoCountryCode"] = "US",
                ["AssociationBehavior"] = a.Behavior,
                ["DisassociationBehavior"] = "DISASSOCIATE_ALL_CLOSES_REGISTRATION",
            })),
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
        if (body is not null && !IsPdfJpegOrPng(body))
        {
            throw SmsVoiceService.Validation("ATTACHMENT_TYPE_NOT_SUPPORTED", "Attachments must be PDF, JPEG or PNG files.");
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
        if (field.Options is { } options && Json.Strings(input, "SelectChoices") is var choices &&
            (choices.Count != 1 || choices.Any(c => !options.Contains(c))))
        {
            throw SmsVoiceService.Validation("FIELD_VALIDATION_FAILED", $"Field {path} takes exactly one of: {string.Join(", ", options)}.", path);
        }
        if (field.Type == "TEXT" && value["TextValue"] is string answer && (answer.Length < field.MinLength || answer.Length > field.MaxLength))
        {
            throw SmsVoiceService.Validation("FIELD_VALIDATION_FAILED",
                $"Field {path} must be {field.MinLength} to {field.MaxLength} characters long; got {answer.Length}.", path);
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
        var supported = Associations[registration.RegistrationType];
        if (account.Registrations.FirstOrDefault(r => r.Region == context.Region && (r.RegistrationId == resourceId || r.Arn(account.AccountId) == resourceId)) is { } brand)
        {
            if (!supported.Any(a => a.Resource == "REGISTRATION") || brand.RegistrationType != "US_TEN_DLC_BRAND_REGISTRATION")
            {
                throw SmsVoiceService.Validation("INVALID_REGISTRATION_ASSOCIATION",
                    $"A {registration.RegistrationType} cannot be associated with a {brand.RegistrationType}.");
            }
            if (registration.BrandRegistrationId is { } other && other != brand.RegistrationId)
            {
                throw SmsVoiceService.Conflict("RESOURCE_ALREADY_ASSOCIATED", $"{registration.RegistrationId} is already associated with {other}.", "registration", registration.RegistrationId);
            }
            registration.BrandRegistrationId = brand.RegistrationId;
            return Association(registration, brand.Arn(account.AccountId), brand.RegistrationId, "registration", context);
        }
        var number = account.OriginationNumbers.FirstOrDefault(n => n.Region == context.Region &&
                         (n.PhoneNumberId == resourceId || n.Arn(account.AccountId) == resourceId))
            ?? throw SmsVoiceService.NotFound("phone-number", resourceId);
        var expectedType = registration.RegistrationType == "US_TOLL_FREE_REGISTRATION" ? "TOLL_FREE" : "TEN_DLC";
        if (!supported.Any(a => a.Resource == "PHONE_NUMBER") || number.NumberType != expectedType || number.IsoCountryCode != "US")
        {
            throw SmsVoiceService.Validation("INVALID_REGISTRATION_ASSOCIATION",
                $"A {registration.RegistrationType} takes a US {expectedType} phone number, not {number.IsoCountryCode} {number.NumberType} {number.PhoneNumberId}.");
        }
        if (expectedType == "TEN_DLC" && registration.Status(context.Now) != "COMPLETE")
        {
            throw SmsVoiceService.Conflict("REGISTRATION_NOT_COMPLETE", $"Registration {registration.RegistrationId} is not complete; its phone number is associated after approval.",
                "registration", registration.RegistrationId);
        }
        if (number.RegistrationId is { } existing && existing != registration.RegistrationId)
        {
            throw SmsVoiceService.Conflict("PHONE_NUMBER_ASSOCIATED_TO_REGISTRATION", $"{number.PhoneNumberId} is already associated with {existing}.", "phone-number", number.PhoneNumberId);
        }
        number.RegistrationId = registration.RegistrationId;
        var result = Association(registration, number.Arn(account.AccountId), number.PhoneNumberId, "phone-number", context);
        result["IsoCountryCode"] = number.IsoCountryCode;
        result["PhoneNumber"] = number.PhoneNumber;
        return result;
    }

    private static JsonObject Association(Registration registration, string resourceArn, string resourceId, string resourceType, RequestContext context) => new()
    {
        ["RegistrationArn"] = registration.Arn(context.Account.AccountId),
        ["RegistrationId"] = registration.RegistrationId,
        ["RegistrationType"] = registration.RegistrationType,
        ["ResourceArn"] = resourceArn,
        ["ResourceId"] = resourceId,
        ["ResourceType"] = resourceType,
    };

    public static JsonObject CreateVersion(JsonObject input, RequestContext context)
    {
        var registration = Find(input, context);
        var status = registration.Current.Status(context.Now);
        if (status is not ("DENIED" or "APPROVED"))
        {
            throw SmsVoiceService.Conflict("CREATE_REGISTRATION_VERSION_NOT_ALLOWED",
                $"Version {registration.Current.Number} of {registration.RegistrationId} is {status}; a new version can follow a decided one only.", "registration", registration.RegistrationId);
        }
        // The new version starts empty (AWS-FACTS-2 §1, "Fixing a denial": field reports; AWS's API reference is silent).
        var version = new RegistrationVersion(registration.Current.Number + 1, context.Now);
        registration.Versions.Add(version);
        return new JsonObject
        {
            ["RegistrationArn"] = registration.Arn(context.Account.AccountId),
            ["RegistrationId"] = registration.RegistrationId,
            ["VersionNumber"] = version.Number,
            ["RegistrationVersionStatus"] = version.Status(context.Now),
            ["RegistrationVersionStatusHistory"] = History(version, context.Now),
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
        var missing = RegistrationForms.Missing(registration.RegistrationType, version.Fields);
        if (missing.Count > 0)
        {
            throw SmsVoiceService.Validation("FIELD_VALIDATION_FAILED", $"Required fields have no value: {string.Join(", ", missing)}.", [.. missing]);
        }
        CheckAssociations(registration, context);
        var reviews = context.Account.CurrentScenario.Reviews;
        version.SubmittedAt = context.Now;
        version.Review = version.Number <= reviews.RegistrationVersionsSentBack ? reviews.Registration with { Approve = false } : reviews.Registration;
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

    // The API reference accepts PDF, JPEG or PNG; the file's leading bytes say which it is.
    private static bool IsPdfJpegOrPng(string base64)
    {
        var head = new byte[9];
        if (!Convert.TryFromBase64String(base64[..Math.Min(base64.Length, 12)], head, out var read))
        {
            return false;
        }
        ReadOnlySpan<byte> bytes = head.AsSpan(0, read);
        return bytes.StartsWith("%PDF"u8) || bytes.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }) || bytes.StartsWith(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' });
    }

    private static void CheckAssociations(Registration registration, RequestContext context)
    {
        var before = Associations[registration.RegistrationType].Where(a => a.Behavior == "ASSOCIATE_BEFORE_SUBMIT").Select(a => a.Resource);
        foreach (var resource in before)
        {
            if (resource == "PHONE_NUMBER" && !context.Account.OriginationNumbers.Any(n => n.RegistrationId == registration.RegistrationId))
            {
                throw SmsVoiceService.Validation("INVALID_REGISTRATION_ASSOCIATION",
                    $"A {registration.RegistrationType} is submitted with its phone number: call CreateRegistrationAssociation first (ASSOCIATE_BEFORE_SUBMIT).");
            }
            if (resource == "REGISTRATION")
            {
                var brand = context.Account.Registrations.FirstOrDefault(r => r.RegistrationId == registration.BrandRegistrationId)
                    ?? throw SmsVoiceService.Validation("INVALID_REGISTRATION_ASSOCIATION",
                        $"A {registration.RegistrationType} is submitted with its brand: associate the US_TEN_DLC_BRAND_REGISTRATION first (ASSOCIATE_BEFORE_SUBMIT).");
                if (brand.Status(context.Now) != "COMPLETE")
                {
                    throw SmsVoiceService.Conflict("REGISTRATION_NOT_COMPLETE", $"Brand registration {brand.RegistrationId} is {brand.Status(context.Now)}, not COMPLETE.",
                        "registration", brand.RegistrationId);
                }
            }
        }
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
