using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmsOnboarding.Simulator.Protocol;

/// <summary>
/// Reading awsJson inputs with the model's validation errors. A member of the wrong JSON type is a
/// <c>SerializationException</c>, as AWS's JSON services answer it (e.g. a number where a string is modeled).
/// </summary>
internal static class Json
{
    public static string? OptString(JsonObject input, string name) => input[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        var other => throw WrongType(name, "a string", other),
    };

    public static string ReqString(JsonObject input, string name, string errorCode = "ValidationException") =>
        OptString(input, name) is { Length: > 0 } value
            ? value
            : throw new AwsServiceException(errorCode, $"1 validation error detected: Value null at '{Camel(name)}' failed to satisfy constraint: Member must not be null");

    public static bool? OptBool(JsonObject input, string name) => input[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<bool>(out var b) => b,
        var other => throw WrongType(name, "a boolean", other),
    };

    public static double? OptDouble(JsonObject input, string name) => input[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<double>(out var d) && double.IsFinite(d) => d,
        var other => throw WrongType(name, "a number", other),
    };

    public static int? OptInt(JsonObject input, string name) => input[name] switch
    {
        null => null,
        var node => Int(name, node),
    };

    public static IReadOnlyList<string> Strings(JsonObject input, string name) => input[name] switch
    {
        null => [],
        JsonArray array => [.. array.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw WrongType(name + " item", "a string", n))],
        var other => throw WrongType(name, "a list", other),
    };

    public static IReadOnlyList<int> Ints(JsonObject input, string name) => input[name] switch
    {
        null => [],
        JsonArray array => [.. array.Select(n => Int(name + " item", n))],
        var other => throw WrongType(name, "a list", other),
    };

    public static JsonObject? OptObject(JsonObject input, string name) => input[name] switch
    {
        null => null,
        JsonObject obj => obj,
        var other => throw WrongType(name, "a structure", other),
    };

    public static JsonArray Array(IEnumerable<JsonNode?> items) => new([.. items]);

    public static JsonArray Strings(IEnumerable<string> items) => new([.. items.Select(s => (JsonNode)JsonValue.Create(s))]);

    /// <summary>awsJson timestamps are epoch seconds.</summary>
    public static JsonValue Epoch(DateTimeOffset at) => JsonValue.Create(Math.Round(at.ToUnixTimeMilliseconds() / 1000.0, 3));

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    // An integer member that is not an integer, or does not fit the modeled 32 bits (1e308), cannot be read.
    private static int Int(string name, JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var i)
            ? i
            : throw WrongType(name, "an integer", node);

    private static AwsServiceException WrongType(string name, string expected, JsonNode? found) =>
        new("SerializationException", $"'{name}' must be {expected}; found {Kind(found)}.");

    private static string Kind(JsonNode? node) => node is null ? "null" : node.GetValueKind() switch
    {
        JsonValueKind.Number => $"the number {Clip(node.ToJsonString())}",
        JsonValueKind.String => "a string",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "a structure",
        _ => "null",
    };

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "...";

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
