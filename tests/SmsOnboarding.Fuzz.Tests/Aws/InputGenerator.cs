using System.Globalization;
using System.Text.Json.Nodes;

namespace SmsOnboarding.Fuzz.Tests.Aws;

/// <summary>
/// Builds a well-typed input for an operation from its model shape, with strings drawn from a corpus of values
/// the services answered earlier (ids, ARNs), so that mutations reach the handlers behind the parsers.
/// </summary>
internal sealed class InputGenerator(ServiceModel model, Random random, IReadOnlyList<string> corpus)
{
    private const int MaxDepth = 6;

    public JsonObject Input(Operation operation) =>
        operation.InputShape is { } shape ? (JsonObject)Value(shape, 0)! : [];

    private JsonNode? Value(string shapeName, int depth)
    {
        var shape = model.Shape(shapeName);
        var type = shape["type"]!.GetValue<string>();
        switch (type)
        {
            case "structure":
                var obj = new JsonObject();
                if (depth > MaxDepth)
                {
                    return obj;
                }
                var required = shape["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
                foreach (var (name, member) in shape["members"]!.AsObject())
                {
                    if (required.Contains(name) || random.Next(3) == 0)
                    {
                        obj[name] = Value(member!["shape"]!.GetValue<string>(), depth + 1);
                    }
                }
                return obj;
            case "list":
                var count = depth > MaxDepth ? 0 : random.Next(3);
                return new JsonArray([.. Enumerable.Range(0, count).Select(_ => Value(shape["member"]!["shape"]!.GetValue<string>(), depth + 1))]);
            case "map":
                var map = new JsonObject();
                for (var i = depth > MaxDepth ? 0 : random.Next(3); i > 0; i--)
                {
                    map[String(shape["key"]!["shape"]!.GetValue<string>())] = Value(shape["value"]!["shape"]!.GetValue<string>(), depth + 1);
                }
                return map;
            case "string":
                return String(shapeName);
            case "integer" or "long":
                var min = shape["min"]?.GetValue<long>() ?? 0;
                var max = shape["max"]?.GetValue<long>() ?? 1000;
                return random.NextInt64(min, Math.Max(min, Math.Min(max, min + 1000)) + 1);
            case "double" or "float":
                return Math.Round(random.NextDouble() * 100, 2);
            case "boolean":
                return random.Next(2) == 0;
            case "timestamp":
                return 1_790_000_000 + random.Next(1_000_000);
            case "blob":
                return Convert.ToBase64String([.. Enumerable.Range(0, random.Next(16)).Select(_ => (byte)random.Next(256))]);
            default:
                return null;
        }
    }

    private string String(string shapeName)
    {
        var shape = model.Shape(shapeName);
        if (shape["enum"] is JsonArray values && values.Count > 0 && random.Next(4) > 0)
        {
            return values[random.Next(values.Count)]!.GetValue<string>();
        }
        return random.Next(4) switch
        {
            0 or 1 when corpus.Count > 0 => corpus[random.Next(corpus.Count)],
            2 => "+1206555" + random.Next(10000).ToString("D4", CultureInfo.InvariantCulture),
            _ => "fuzz-" + random.Next(1000).ToString(CultureInfo.InvariantCulture),
        };
    }
}
