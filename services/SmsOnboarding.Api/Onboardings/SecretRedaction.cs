using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmsOnboarding.Api.Onboardings;

/// <summary>
/// Blanks what only the people who act on an onboarding may see: task tokens (anyone holding one can end a wait of
/// the workflow) and verification codes. History details carry payloads as JSON inside strings (input, output,
/// parameters), so string values that are JSON documents are redacted inside and written back as strings.
/// </summary>
public static class SecretRedaction
{
    public const string Mask = "(redacted)";

    // taskToken: what the ASL hands the ask steps ($$.Task.Token); code: a person's answer to a verification task.
    private static readonly HashSet<string> SecretNames = new(StringComparer.OrdinalIgnoreCase) { "taskToken", "code" };

    public static IReadOnlyList<ExecutionEvent> Redact(IReadOnlyList<ExecutionEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return [.. events.Select(e => e.Details is null ? e : e with { Details = (JsonObject)Redact(e.Details.DeepClone())! })];
    }

    /// <summary>The node with every secret replaced by <see cref="Mask"/>: containers are changed in place, a string is replaced.</summary>
    public static JsonNode? Redact(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o.ToList())
                {
                    var redacted = SecretNames.Contains(name) && value is not null ? JsonValue.Create(Mask) : Redact(value);
                    if (!ReferenceEquals(redacted, value))
                    {
                        o[name] = redacted;
                    }
                }
                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    var redacted = Redact(a[i]);
                    if (!ReferenceEquals(redacted, a[i]))
                    {
                        a[i] = redacted;
                    }
                }
                return a;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String && EmbeddedJson(v.GetValue<string>()) is { } embedded:
                return JsonValue.Create(Redact(embedded)!.ToJsonString());
            default:
                return node;
        }
    }

    private static JsonNode? EmbeddedJson(string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.Length == 0 || trimmed[0] is not ('{' or '['))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
