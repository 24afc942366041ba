using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmsOnboarding.Asl;

/// <summary>Type tests and conversions that work the same for parsed and programmatically created JsonNodes.</summary>
internal static class JsonValues
{
    public static JsonValueKind Kind(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    public static bool TryGetNumber(JsonNode? node, out decimal value)
    {
        value = 0;
        if (Kind(node) != JsonValueKind.Number)
        {
            return false;
        }

        // Round-trip through the JSON text: JsonValue.TryGetValue does not convert between numeric CLR types.
        var text = node!.ToJsonString();
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            value = d > (double)decimal.MaxValue ? decimal.MaxValue : d < (double)decimal.MinValue ? decimal.MinValue : (decimal)d;
            return true;
        }

        return false;
    }

    public static bool TryGetDouble(JsonNode? node, out double value)
    {
        value = 0;
        return Kind(node) == JsonValueKind.Number
            && double.TryParse(node!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    public static bool TryGetInteger(JsonNode? node, out long value)
    {
        value = 0;
        if (!TryGetNumber(node, out var d) || d != decimal.Truncate(d) || d > long.MaxValue || d < long.MinValue)
        {
            return false;
        }

        value = (long)d;
        return true;
    }

    public static bool TryGetString(JsonNode? node, out string value)
    {
        value = "";
        if (Kind(node) != JsonValueKind.String)
        {
            return false;
        }

        value = node!.GetValue<string>();
        return true;
    }

    public static bool TryGetBoolean(JsonNode? node, out bool value)
    {
        value = false;
        switch (Kind(node))
        {
            case JsonValueKind.True:
                value = true;
                return true;
            case JsonValueKind.False:
                return true;
            default:
                return false;
        }
    }

    public static string TypeName(JsonNode? node) => Kind(node) switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
