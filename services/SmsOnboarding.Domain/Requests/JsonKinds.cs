using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmsOnboarding.Domain.Requests;

/// <summary>Names a JSON value's kind the way a problem message says it: "a string", "an array", "null".</summary>
public static class JsonKinds
{
    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => v.GetValueKind().ToString().ToLower(CultureInfo.InvariantCulture),
        },
        _ => "an unexpected value",
    };
}
