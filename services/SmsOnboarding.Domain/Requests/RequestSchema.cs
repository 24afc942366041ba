using System.Globalization;
using System.Text.Json.Nodes;

namespace SmsOnboarding.Domain.Requests;

/// <summary>
/// The JSON Schema (draft 2020-12) of an onboarding request, made from <see cref="RequestFields"/>. Rules the
/// schema cannot say (a pool's allowed SNS Regions, known country codes, the requester not approving) stay
/// the validator's; the schema is what a form or a client needs to ask for the right things.
/// </summary>
public static class RequestSchema
{
    public const string Id = "/api/schema/onboarding-request";

    public static JsonObject Build()
    {
        var properties = new JsonObject();
        foreach (var field in RequestFields.All)
        {
            properties[field.Name] = Property(field);
        }
        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = Id,
            ["title"] = "Onboarding request",
            ["description"] = "SMS for one Amazon Cognito user pool.",
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["required"] = new JsonArray(RequestFields.All.Where(f => f.Required).Select(f => (JsonNode)f.Name).ToArray()),
            ["properties"] = properties,
            ["allOf"] = RegistrationRules(),
        };
    }

    /// <summary>
    /// When the registration section and its conditional members are required (the validator's rules, as JSON
    /// Schema can say them): US destinations with TollFree (the default) or TenDlc need the section; toll-free
    /// needs the opt-in screenshot, 10DLC the industry; every legal form but a sole proprietor needs a tax id.
    /// </summary>
    private static JsonArray RegistrationRules()
    {
        const string Section = RegistrationFields.SectionName;
        static JsonObject UsWith(params string[] originations) => new()
        {
            ["required"] = new JsonArray("countries"),
            ["properties"] = new JsonObject
            {
                ["countries"] = new JsonObject { ["contains"] = new JsonObject { ["const"] = "US" } },
                ["originationType"] = new JsonObject { ["enum"] = new JsonArray(originations.Select(o => (JsonNode)o).ToArray()) },
            },
        };
        static JsonObject SectionRequires(string member) =>
            new() { ["properties"] = new JsonObject { [Section] = new JsonObject { ["required"] = new JsonArray(member) } } };
        return
        [
            new JsonObject { ["if"] = UsWith(nameof(OriginationType.TollFree), nameof(OriginationType.TenDlc)), ["then"] = new JsonObject { ["required"] = new JsonArray(Section) } },
            new JsonObject { ["if"] = UsWith(nameof(OriginationType.TollFree)), ["then"] = SectionRequires(RegistrationFields.OptInScreenshot.Name) },
            new JsonObject { ["if"] = UsWith(nameof(OriginationType.TenDlc)), ["then"] = SectionRequires(RegistrationFields.Vertical.Name) },
        ];
    }

    private static JsonObject Property(RequestField field)
    {
        var property = new JsonObject { ["title"] = field.Label, ["description"] = field.Help };
        switch (field.Kind)
        {
            case FieldKind.Number:
                property["type"] = "number";
                Set(property, "exclusiveMinimum", field.ExclusiveMinimum);
                Set(property, "maximum", field.Maximum);
                if (field.WholeNumber)
                {
                    property["multipleOf"] = 1;
                }
                break;
            case FieldKind.Choice:
                property["type"] = "string";
                property["enum"] = new JsonArray(field.Choices.Select(c => (JsonNode)c).ToArray());
                break;
            case FieldKind.Section:
                property["type"] = "object";
                property["additionalProperties"] = false;
                property["required"] = new JsonArray(field.Fields.Where(f => f.Required).Select(f => (JsonNode)f.Name).ToArray());
                property["properties"] = new JsonObject(field.Fields.Select(f => KeyValuePair.Create(f.Name, (JsonNode?)Property(f))));
                property["allOf"] = new JsonArray(new JsonObject
                {
                    ["if"] = new JsonObject
                    {
                        ["required"] = new JsonArray(RegistrationFields.BusinessType.Name),
                        ["properties"] = new JsonObject { [RegistrationFields.BusinessType.Name] = new JsonObject { ["not"] = new JsonObject { ["const"] = "SOLE_PROPRIETOR" } } },
                    },
                    ["then"] = new JsonObject { ["required"] = new JsonArray(RegistrationFields.TaxId.Name) },
                });
                break;
            case FieldKind.TextList:
                property["type"] = "array";
                property["items"] = Text(new JsonObject(), field);
                if (field.MinItems > 0)
                {
                    property["minItems"] = field.MinItems;
                }
                property["maxItems"] = field.MaxItems;
                break;
            default:
                Text(property, field);
                break;
        }
        if (field.Default is not null)
        {
            property["default"] = field.Default;
        }
        if (field.Example is not null)
        {
            property["examples"] = new JsonArray(field.Example);
        }
        // Extensions for clients that build inputs from the schema: the flag name and whether text is prose.
        property["x-shortName"] = field.ShortName;
        if (field.Multiline)
        {
            property["x-multiline"] = true;
        }
        return property;
    }

    private static JsonObject Text(JsonObject into, RequestField field)
    {
        into["type"] = "string";
        into["minLength"] = 1;
        into["maxLength"] = field.MaxLength;
        if (field.Pattern is not null)
        {
            into["pattern"] = field.Pattern;
        }
        if (field.Format is not null)
        {
            into["format"] = field.Format;
        }
        return into;
    }

    private static void Set(JsonObject into, string name, decimal? value)
    {
        if (value is { } number)
        {
            into[name] = JsonNode.Parse(number.ToString(CultureInfo.InvariantCulture));
        }
    }
}
