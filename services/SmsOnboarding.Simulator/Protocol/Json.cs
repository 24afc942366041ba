using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmsOnboarding.Simulator.Protocol;

/// <summary>Reading awsJson inputs with the model's validation errors.</summary>
internal static class Json
{
    public static string? OptString(JsonObject input, string name) =>
        input[name] is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    public static string ReqString(JsonObject input, string name, string errorCode = "ValidationException") =>
        OptString(input, name) is { Length: > 0 } value
            ? value
            : throw new AwsServiceException(errorCode, $"1 validation error detected: Value null at '{Camel(name)}' failed to satisfy constraint: Member must not be null");

    public static bool? OptBool(JsonObject input, string name) =>
        input[name] is JsonValue value && value.TryGetValue<bool>(out var b) ? b : null;

    public static double? OptDouble(JsonObject input, string name) =>
        input[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : null;

    public static int? OptInt(JsonObject input, string name) =>
        input[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<int>() : null;

    public static IReadOnlyList<string> Strings(JsonObject input, string name) =>
        input[name] is JsonArray array ? [.. array.Select(n => n?.GetValue<string>() ?? "")] : [];

    public static JsonObject? OptObject(JsonObject input, string name) => input[name] as JsonObject;

    public static JsonArray Array(IEnumerable<JsonNode?> items) => new([.. items]);

    public static JsonArray Strings(IEnumerable<string> items) => new([.. items.Select(s => (JsonNode)JsonValue.Create(s))]);

    /// <summary>awsJson timestamps are epoch seconds.</summary>
    public static JsonValue Epoch(DateTimeOffset at) => JsonValue.Create(Math.Round(at.ToUnixTimeMilliseconds() / 1000.0, 3));

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
