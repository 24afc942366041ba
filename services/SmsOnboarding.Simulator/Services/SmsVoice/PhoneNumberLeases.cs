using System.Text.Json.Nodes;
using SmsOnboarding.Simulator.Protocol;
using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator.Services.SmsVoice;

internal static class PhoneNumberLeases
{
    private static readonly HashSet<string> FilterNames = ["status", "iso-country-code", "message-type", "number-capability", "number-type"];

    public static JsonObject Request(JsonObject input, RequestContext context)
    {
        var account = context.Account;
        // ClientToken makes a retried request return the number it already leased.
        if (Json.OptString(input, "ClientToken") is { } token &&
            account.OriginationNumbers.FirstOrDefault(n => n.Region == context.Region && n.ClientToken == token) is { } existing)
        {
            var again = ToJson(existing, context);
            again["Tags"] = SmsVoiceService.Tags(existing.Tags);
            return again;
        }
        var country = Json.ReqString(input, "IsoCountryCode");
        var messageType = Json.ReqString(input, "MessageType");
        var capabilities = Json.Strings(input, "NumberCapabilities");
        var numberType = Json.ReqString(input, "NumberType");
        if (country.Length != 2 || !country.All(char.IsAsciiLetterUpper))
        {
            throw SmsVoiceService.Validation("INVALID_PARAMETER", $"'{country}' is not an ISO 3166-1 alpha-2 country code.");
        }
        if (messageType is not ("TRANSACTIONAL" or "PROMOTIONAL"))
        {
            throw SmsVoiceService.Validation("INVALID_PARAMETER", "MessageType must be TRANSACTIONAL or PROMOTIONAL.");
        }
        if (capabilities.Count == 0 || capabilities.Any(c => c is not ("SMS" or "VOICE" or "MMS" or "RCS")))
        {
            throw SmsVoiceService.Validation("INVALID_PARAMETER", "NumberCapabilities must list 1-4 of SMS, VOICE, MMS, RCS.");
        }
        if (numberType is not ("LONG_CODE" or "TOLL_FREE" or "TEN_DLC" or "SIMULATOR"))
        {
            throw SmsVoiceService.Validation("INVALID_PARAMETER", $"NumberType '{numberType}' cannot be requested (short codes are requested through AWS Support).");
        }
        if (country == "US" && numberType == "LONG_CODE")
        {
            throw SmsVoiceService.Validation("INVALID_IDENTITY_FOR_DESTINATION_COUNTRY", "Long codes are not available in the US: request a TEN_DLC or TOLL_FREE number.");
        }
        var registrationId = Json.OptString(input, "RegistrationId");
        Registration? registration = null;
        if (registrationId is not null)
        {
            registration = account.Registrations.FirstOrDefault(r => r.Region == context.Region && (r.RegistrationId == registrationId || r.Arn(account.AccountId) == registrationId))
                ?? throw SmsVoiceService.NotFound("registration", registrationId);
        }
        if (numberType == "TEN_DLC")
        {
            if (registration is null)
            {
                throw SmsVoiceService.Validation("MISSING_PARAMETER", "A TEN_DLC number needs the RegistrationId of a completed 10DLC campaign registration.");
            }
            if (registration.Status(context.Now) != "COMPLETE")
            {
                throw SmsVoiceService.Conflict("REGISTRATION_NOT_COMPLETE", $"Registration {registration.RegistrationId} is not complete.", "registration", registration.RegistrationId);
            }
        }
        if (account.OriginationNumbers.Count(n => n.Region == context.Region) >= 50)
        {
            throw new AwsServiceException("ServiceQuotaExceededException", "You have reached the quota of phone numbers per account.", 400,
                new JsonObject { ["Reason"] = "PHONE_NUMBERS_PER_ACCOUNT" });
        }
        var activation = context.Now.AddHours(account.CurrentScenario.Reviews.PhoneNumberActivationHours);
        var number = new OriginationNumber
        {
            Region = context.Region,
            PhoneNumberId = "phone-" + account.NewId(32, "0123456789abcdef"),
            PhoneNumber = NewNumber(account, country, numberType),
            NumberType = numberType,
            IsoCountryCode = country,
            MessageType = messageType,
            NumberCapabilities = capabilities,
            CreatedAt = context.Now,
            ActiveAt = activation,
            RegistrationId = registration?.RegistrationId,
            RequiresRegistration = country == "US" && numberType is "TOLL_FREE" or "TEN_DLC",
            DeletionProtectionEnabled = Json.OptBool(input, "DeletionProtectionEnabled") ?? false,
            Tags = SmsVoiceService.ReadTags(input),
            ClientToken = Json.OptString(input, "ClientToken"),
        };
        account.OriginationNumbers.Add(number);
        var result = ToJson(number, context);
        result["Tags"] = SmsVoiceService.Tags(number.Tags);
        return result;
    }

    public static JsonObject Describe(JsonObject input, RequestContext context)
    {
        var account = context.Account;
        var ids = Protocol.Json.Strings(input, "PhoneNumberIds");
        var filters = SmsVoiceService.Filters(input, FilterNames);
        var numbers = account.OriginationNumbers.Where(n => n.Region == context.Region).ToList();
        foreach (var id in ids)
        {
            if (!numbers.Any(n => Matches(n, id, account)))
            {
                throw SmsVoiceService.NotFound("phone-number", id);
            }
        }
        var selected = numbers
            .Where(n => ids.Count == 0 || ids.Any(id => Matches(n, id, account)))
            .Where(n => filters.All(f => f.Values.Contains(f.Name switch
            {
                "status" => n.Status(context.Now),
                "iso-country-code" => n.IsoCountryCode,
                "message-type" => n.MessageType,
                "number-type" => n.NumberType,
                _ => n.NumberCapabilities.FirstOrDefault(f.Values.Contains) ?? "",
            })))
            .ToList();
        var (page, next) = Paging.Page(selected, Protocol.Json.OptString(input, "NextToken"), Protocol.Json.OptInt(input, "MaxResults") ?? 100);
        var result = new JsonObject { ["PhoneNumbers"] = Protocol.Json.Array(page.Select(n => (JsonNode)ToJson(n, context))) };
        if (next is not null)
        {
            result["NextToken"] = next;
        }
        return result;
    }

    private static bool Matches(OriginationNumber number, string id, SimulatedAccount account) =>
        number.PhoneNumberId == id || number.Arn(account.AccountId) == id || number.PhoneNumber == id;

    private static JsonObject ToJson(OriginationNumber n, RequestContext context)
    {
        var result = new JsonObject
        {
            ["PhoneNumberArn"] = n.Arn(context.Account.AccountId),
            ["PhoneNumberId"] = n.PhoneNumberId,
            ["PhoneNumber"] = n.PhoneNumber,
            ["Status"] = n.Status(context.Now),
            ["IsoCountryCode"] = n.IsoCountryCode,
            ["MessageType"] = n.MessageType,
            ["NumberCapabilities"] = Protocol.Json.Strings(n.NumberCapabilities),
            ["NumberType"] = n.NumberType,
            ["MonthlyLeasingPrice"] = n.MonthlyLeasingPrice,
            ["TwoWayEnabled"] = false,
            ["SelfManagedOptOutsEnabled"] = false,
            ["OptOutListName"] = "Default",
            ["InternationalSendingEnabled"] = false,
            ["DeletionProtectionEnabled"] = n.DeletionProtectionEnabled,
            ["CreatedTimestamp"] = Protocol.Json.Epoch(n.CreatedAt),
        };
        if (n.RegistrationId is not null)
        {
            result["RegistrationId"] = n.RegistrationId;
        }
        return result;
    }

    private static string NewNumber(SimulatedAccount account, string country, string numberType)
    {
        var digits = account.NewId(3, "0123456789");
        return (country, numberType) switch
        {
            ("US", "TOLL_FREE") => "+18445550" + digits,
            ("US", _) => "+12065550" + digits,
            ("CA", _) => "+16045550" + digits,
            ("GB", _) => "+4477009" + account.NewId(5, "0123456789"),
            _ => "+4915510" + account.NewId(6, "0123456789"),
        };
    }
}
