using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmsOnboarding.Domain.Requests;

/// <summary>
/// Reads typed values out of an untrusted JSON object, recording a problem instead of throwing whenever a
/// value is missing, of the wrong type or too long.
/// </summary>
internal sealed class JsonFieldReader(JsonObject json, List<ValidationProblem> problems, string prefix = "")
{
    /// <summary>A member's JSON path as problems name it: "registration.city" inside the registration section.</summary>
    public string Path(string field) => prefix + field;

    public void Add(string field, string code, string message) => problems.Add(new ValidationProblem(field, code, message));

    public bool Has(string field) => json.TryGetPropertyValue(field, out var node) && node is not null;

    /// <summary>A text field as its definition says: required or not, its length, one line or prose.</summary>
    public string? Text(RequestField definition) =>
        Has(definition.Name) ? String(Path(definition.Name), json[definition.Name], definition.MaxLength, definition.Multiline)
        : definition.Required ? Missing<string>(Path(definition.Name), "a string") : null;

    /// <summary><paramref name="multiline"/> lets prose (a use case, a sample message) keep its line breaks and tabs.</summary>
    public string? String(string field, JsonNode? node, int maxLength, bool multiline = false)
    {
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            Add(field, ProblemCodes.WrongType, $"{field} must be a string, not {JsonKinds.Describe(node)}.");
            return null;
        }

        if (AsString(value)?.Trim() is not { } text)
        {
            Add(field, ProblemCodes.ForbiddenCharacter, $"{field} contains an unpaired surrogate escape (such as \\ud83d alone), which is not text.");
            return null;
        }

        if (text.Length == 0)
        {
            Add(field, ProblemCodes.Empty, $"{field} must not be empty.");
            return null;
        }

        if (text.Length > maxLength)
        {
            Add(field, ProblemCodes.TooLong, $"{field} is {text.Length} characters long; the limit is {maxLength}.");
            return null;
        }

        if (TextCharacters.FirstForbidden(text, multiline) is { } bad)
        {
            Add(field, ProblemCodes.ForbiddenCharacter, $"{field} contains {bad}; use plain printable text.");
            return null;
        }

        return text;
    }

    public decimal? RequiredDecimal(string field)
    {
        if (!Has(field))
        {
            return Missing<decimal?>(field, "a number");
        }

        var node = json[field];
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            Add(field, ProblemCodes.WrongType, $"{field} must be a number, not {JsonKinds.Describe(node)}.");
            return null;
        }

        // Nodes built in code hold int/double/decimal, parsed ones hold JsonElement: the JSON text is the common ground.
        if (!decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            Add(field, ProblemCodes.OutOfRange, $"{field} is too large to be an amount of money.");
            return null;
        }

        return number;
    }

    /// <summary>Null when absent (and required is false) or when the value is not an array.</summary>
    public JsonArray? Array(string field, bool required)
    {
        if (!Has(field))
        {
            return required ? Missing<JsonArray>(field, "an array") : null;
        }

        if (json[field] is JsonArray array)
        {
            return array;
        }

        Add(field, ProblemCodes.WrongType, $"{field} must be an array, not {JsonKinds.Describe(json[field])}.");
        return null;
    }

    public TEnum? RequiredEnum<TEnum>(RequestField definition) where TEnum : struct, Enum =>
        Has(definition.Name) ? Enum<TEnum>(definition) : Missing<TEnum?>(Path(definition.Name), "one of " + Names<TEnum>());

    public TEnum? Enum<TEnum>(RequestField definition) where TEnum : struct, Enum
    {
        var field = definition.Name;
        var text = String(field, json[field], definition.MaxLength);
        if (text is null)
        {
            return null;
        }

        if (System.Enum.TryParse<TEnum>(text, ignoreCase: true, out var parsed)
            && System.Enum.IsDefined(parsed) && !text.Any(char.IsDigit))
        {
            return parsed;
        }

        Add(field, ProblemCodes.InvalidValue, $"{field} must be one of {Names<TEnum>()}; got '{text}'.");
        return null;
    }

    /// <summary>A text field whose value must be one of the definition's choices (exact spelling, as AWS's forms take them).</summary>
    public string? Choice(RequestField definition)
    {
        var text = Text(definition);
        if (text is null || definition.Choices.Contains(text))
        {
            return text;
        }

        Add(Path(definition.Name), ProblemCodes.InvalidValue, $"{Path(definition.Name)} must be one of {string.Join(", ", definition.Choices)}; got '{(text.Length <= 64 ? text : text[..64] + "…")}'.");
        return null;
    }

    public JsonNode? Node(string field) => json[field];

    /// <summary>Null when the JSON escapes do not decode to UTF-16 (a lone surrogate).</summary>
    private static string? AsString(JsonValue value)
    {
        try
        {
            return value.TryGetValue<string>(out var text) ? text : JsonSerializer.Deserialize<string>(value.ToJsonString()) ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private T? Missing<T>(string field, string expected)
    {
        Add(field, ProblemCodes.Required, $"{field} is required ({expected}).");
        return default;
    }

    private static string Names<TEnum>() where TEnum : struct, Enum => string.Join(", ", System.Enum.GetNames<TEnum>());
}
