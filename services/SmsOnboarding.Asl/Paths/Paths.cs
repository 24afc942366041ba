using System.Text.Json.Nodes;

namespace SmsOnboarding.Asl;

/// <summary>Resolves a path against the state input ("$...") or the context object ("$$...").</summary>
internal static class Paths
{
    public static bool TryResolve(string path, JsonNode? input, JsonNode? context, out JsonNode? value)
    {
        value = null;
        var parsed = PathParser.TryParse(path);
        if (parsed is null)
        {
            return false;
        }

        var document = parsed.IsContext ? context : input;
        return JsonPath.TryEvaluate(parsed, document, document, out value);
    }

    public static JsonNode? Resolve(string path, JsonNode? input, JsonNode? context, string errorName, string what)
    {
        if (!TryResolve(path, input, context, out var value))
        {
            var parsed = PathParser.TryParse(path);
            var document = parsed is { IsContext: true } ? context : input;
            throw new AslRuntimeException(
                errorName,
                $"The JSONPath '{path}' specified for the field '{what}' could not be found in the input '{JsonPath.Describe(document)}'");
        }

        return value;
    }
}
