using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmsOnboarding.Simulator.Protocol;

/// <summary>
/// Parses an awsJson request body completely before any handler reads it, so that every malformed body
/// (not JSON, not an object, duplicate keys, strings with lone surrogates, nesting deeper than AWS's
/// parsers take) is the protocol's <c>SerializationException</c> instead of a failure deep in a handler.
/// </summary>
internal static class JsonInput
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    public static JsonObject ParseObject(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return [];
        }
        try
        {
            var root = JsonNode.Parse(body, documentOptions: Strict) as JsonObject
                ?? throw new AwsServiceException("SerializationException", "Start of structure or map found where not expected.");
            Materialize(root);
            return root;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            throw new AwsServiceException("SerializationException", $"The request body is not a valid JSON document: {e.Message}");
        }
    }

    // JsonNode reads property names and string values lazily: touch them all here, where a failure is the client's.
    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Materialize(child);
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Materialize(child);
                }
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                _ = value.GetValue<string>();
                break;
            default:
                break;
        }
    }
}
