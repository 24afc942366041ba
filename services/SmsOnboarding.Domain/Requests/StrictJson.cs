using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmsOnboarding.Domain.Requests;

/// <summary>
/// Parses untrusted JSON text as RFC 8259 says an interoperable reader should: UTF-8 only, unique names within an
/// object (section 4), and strings that are text (no unpaired surrogate escapes, section 8.2). System.Text.Json
/// accepts all three and fails later, somewhere else, so every untrusted body goes through here first.
/// </summary>
public static class StrictJson
{
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = MaxDepth };
    private static readonly UTF8Encoding Utf8Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The parsed value (null for the JSON literal null), or the one problem that stops parsing. The problem's field
    /// is a path as the validator writes it ("team", "countries[1]", "$" for the whole body); messages say "$.team".
    /// </summary>
    public static (JsonNode? Node, ValidationProblem? Problem) Parse(ReadOnlyMemory<byte> utf8)
    {
        if (utf8.Span.StartsWith(Encoding.UTF8.Preamble))
        {
            utf8 = utf8[Encoding.UTF8.Preamble.Length..];
        }
        if (FirstInvalidUtf8(utf8.Span) is { } offset)
        {
            return Fail("$", ProblemCodes.InvalidUtf8, $"The body is not UTF-8: the bytes at byte {offset} do not decode; send JSON encoded as UTF-8.");
        }
        try
        {
            using var document = JsonDocument.Parse(utf8, Options);
            if (Check(document.RootElement, "$") is { } problem)
            {
                return (null, problem);
            }
            return (JsonNode.Parse(utf8.Span, documentOptions: Options), null);
        }
        catch (JsonException e)
        {
            return Fail("$", ProblemCodes.InvalidJson, $"The body is not valid JSON: {e.Message}");
        }
    }

    private static int? FirstInvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        if (System.Text.Unicode.Utf8.IsValid(utf8))
        {
            return null;
        }
        try
        {
            Utf8Strict.GetCharCount(utf8);
            return null;
        }
        catch (DecoderFallbackException e)
        {
            return e.Index;
        }
    }

    private static ValidationProblem? Check(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!TryText(() => property.Name, out var name))
                    {
                        return new ValidationProblem(Field(path), ProblemCodes.InvalidText,
                            $"A name in the object at {path} holds an unpaired surrogate escape (such as \\ud83d alone), which is not text.");
                    }
                    var at = Append(path, name);
                    if (!names.Add(name))
                    {
                        return new ValidationProblem(Field(at), ProblemCodes.DuplicateKey,
                            $"'{Shorten(name)}' appears twice in the object at {path} ({at}); give each name once.");
                    }
                    if (Check(property.Value, at) is { } inner)
                    {
                        return inner;
                    }
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Check(item, $"{path}[{index++}]") is { } inner)
                    {
                        return inner;
                    }
                }
                return null;
            case JsonValueKind.String:
                return TryText(element.GetString, out _) ? null : new ValidationProblem(Field(path), ProblemCodes.InvalidText,
                    $"The string at {path} holds an unpaired surrogate escape (such as \\ud83d alone), which is not text.");
            default:
                return null;
        }
    }

    // Unescaping a lone surrogate is where System.Text.Json gives up on a string it accepted while parsing.
    private static bool TryText(Func<string?> read, out string text)
    {
        try
        {
            text = read() ?? string.Empty;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = string.Empty;
            return false;
        }
    }

    private static string Append(string path, string name) =>
        name.Length > 0 && name.Length <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? $"{path}.{name}"
            : $"{path}['{Shorten(name).Replace("'", "\\'", StringComparison.Ordinal)}']";

    private static string Field(string path) => path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    private static string Shorten(string text) =>
        text.Length <= 64 ? text : text[..(char.IsHighSurrogate(text[63]) ? 63 : 64)] + "…";

    private static (JsonNode?, ValidationProblem?) Fail(string field, string code, string message) =>
        (null, new ValidationProblem(field, code, message));
}
