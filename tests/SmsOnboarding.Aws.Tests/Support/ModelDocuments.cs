using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace SmsOnboarding.Aws.Tests.Support;

/// <summary>
/// Model-driven documents in one canonical JSON form (timestamps as epoch seconds, blobs base64): examples built from
/// a shape, validation of a document against a shape, and conversion from/to the awsQuery form and XML layouts.
/// </summary>
public static class ModelDocuments
{
    public const long ExampleEpochSeconds = 1_700_000_000;

    public static JsonNode Example(ServiceModel m, string shape, bool requiredOnly, int depth = 0)
    {
        var s = m.Shape(shape);
        switch (m.Type(shape))
        {
            case "structure":
                var obj = new JsonObject();
                var required = m.Required(shape);
                foreach (var (name, member) in m.Members(shape))
                {
                    if ((requiredOnly || depth > 5) && !required.Contains(name))
                    {
                        continue;
                    }
                    obj[name] = Example(m, member, requiredOnly, depth + 1);
                }
                return obj;
            case "list":
                return new JsonArray(Example(m, m.ListMember(shape), requiredOnly, depth + 1));
            case "map":
                return new JsonObject { [(string)Example(m, m.MapKey(shape), requiredOnly, depth + 1)!] = Example(m, m.MapValue(shape), requiredOnly, depth + 1) };
            case "string":
                if (m.Enum(shape) is { } values)
                {
                    return JsonValue.Create(values[^1])!;
                }
                var min = (int)(m.Min(shape) ?? 1);
                var max = (int)(m.Max(shape) ?? 64);
                var text = "example-" + shape;
                text = text.Length < min ? text.PadRight(min, 'x') : text;
                return JsonValue.Create(text[..Math.Min(text.Length, Math.Max(max, 1))])!;
            case "integer":
            case "long":
                return JsonValue.Create(Math.Clamp(7L, m.Min(shape) ?? 0, m.Max(shape) ?? long.MaxValue))!;
            case "double":
            case "float":
                return JsonValue.Create(Math.Clamp(7L, m.Min(shape) ?? 0, m.Max(shape) ?? long.MaxValue))!;
            case "boolean":
                return JsonValue.Create(true)!;
            case "timestamp":
                return JsonValue.Create(ExampleEpochSeconds)!;
            case "blob":
                return JsonValue.Create("AQID")!;
            default:
                throw new NotSupportedException($"shape type {s["type"]}");
        }
    }

    /// <summary>Problems of a canonical document against a shape: unknown members, missing required members, bad enum values, wrong JSON kinds.</summary>
    public static List<string> Validate(ServiceModel m, string shape, JsonNode? node, string path = "$")
    {
        var problems = new List<string>();
        Validate(m, shape, node, path, problems);
        return problems;
    }

    private static void Validate(ServiceModel m, string shape, JsonNode? node, string path, List<string> problems)
    {
        switch (m.Type(shape))
        {
            case "structure":
                if (node is not JsonObject obj)
                {
                    problems.Add($"{path}: expected an object for {shape}");
                    return;
                }
                var members = m.Members(shape).ToDictionary(x => x.Name, x => x.Shape);
                foreach (var (key, value) in obj)
                {
                    if (!members.TryGetValue(key, out var memberShape))
                    {
                        problems.Add($"{path}.{key}: not a member of {shape}");
                        continue;
                    }
                    Validate(m, memberShape, value, $"{path}.{key}", problems);
                }
                problems.AddRange(m.Required(shape).Where(r => !obj.ContainsKey(r)).Select(r => $"{path}.{r}: required member of {shape} missing"));
                return;
            case "list":
                if (node is not JsonArray arr)
                {
                    problems.Add($"{path}: expected a list for {shape}");
                    return;
                }
                for (var i = 0; i < arr.Count; i++)
                {
                    Validate(m, m.ListMember(shape), arr[i], $"{path}[{i}]", problems);
                }
                return;
            case "map":
                if (node is not JsonObject map)
                {
                    problems.Add($"{path}: expected a map for {shape}");
                    return;
                }
                foreach (var (key, value) in map)
                {
                    Validate(m, m.MapKey(shape), JsonValue.Create(key), $"{path}<key {key}>", problems);
                    Validate(m, m.MapValue(shape), value, $"{path}[{key}]", problems);
                }
                return;
            case "string":
                if (node is not JsonValue v || !v.TryGetValue<string>(out var text))
                {
                    problems.Add($"{path}: expected a string for {shape}");
                    return;
                }
                if (m.Enum(shape) is { } allowed && !allowed.Contains(text))
                {
                    problems.Add($"{path}: '{text}' is not one of {shape} [{string.Join(", ", allowed)}]");
                }
                return;
            case "boolean":
                if (node is not JsonValue b || b.GetValueKind() is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False))
                {
                    problems.Add($"{path}: expected a boolean for {shape}");
                }
                return;
            case "blob":
                if (node is not JsonValue bl || !bl.TryGetValue<string>(out _))
                {
                    problems.Add($"{path}: expected base64 for {shape}");
                }
                return;
            default:
                if (node is not JsonValue n || n.GetValueKind() != System.Text.Json.JsonValueKind.Number)
                {
                    problems.Add($"{path}: expected a number for {shape}");
                }
                return;
        }
    }

    /// <summary>Reads an awsQuery form (botocore layout) into a canonical document; keys the shape does not explain are reported.</summary>
    public static JsonObject FromQuery(ServiceModel m, string shape, IReadOnlyDictionary<string, string> form, List<string> problems)
    {
        var consumed = new HashSet<string>(StringComparer.Ordinal) { "Action", "Version" };
        var result = (JsonObject)ReadQuery(m, shape, string.Empty, form, consumed, problems)!;
        problems.AddRange(form.Keys.Where(k => !consumed.Contains(k)).Select(k => $"form key '{k}' is not a member of {shape}"));
        return result;
    }

    private static JsonNode? ReadQuery(ServiceModel m, string shape, string key, IReadOnlyDictionary<string, string> form,
        HashSet<string> consumed, List<string> problems)
    {
        switch (m.Type(shape))
        {
            case "structure":
                var obj = new JsonObject();
                foreach (var (name, member) in m.Members(shape))
                {
                    var k = key.Length == 0 ? name : $"{key}.{name}";
                    if (Present(form, k))
                    {
                        obj[name] = ReadQuery(m, member, k, form, consumed, problems);
                    }
                }
                return obj;
            case "list":
                var arr = new JsonArray();
                if (form.TryGetValue(key, out var empty) && empty.Length == 0)
                {
                    consumed.Add(key);
                }
                for (var i = 1; Present(form, $"{key}.member.{i}"); i++)
                {
                    arr.Add(ReadQuery(m, m.ListMember(shape), $"{key}.member.{i}", form, consumed, problems));
                }
                return arr;
            case "map":
                var map = new JsonObject();
                for (var i = 1; form.TryGetValue($"{key}.entry.{i}.key", out var entryKey); i++)
                {
                    consumed.Add($"{key}.entry.{i}.key");
                    map[entryKey] = ReadQuery(m, m.MapValue(shape), $"{key}.entry.{i}.value", form, consumed, problems);
                }
                return map;
            default:
                consumed.Add(key);
                return Scalar(m, shape, form[key], key, problems);
        }
    }

    private static JsonNode? Scalar(ServiceModel m, string shape, string text, string key, List<string> problems)
    {
        try
        {
            return m.Type(shape) switch
            {
                "string" or "blob" => JsonValue.Create(text),
                "boolean" => JsonValue.Create(text switch { "true" => true, "false" => false, _ => throw new FormatException("boolean") }),
                "timestamp" => JsonValue.Create(new DateTimeOffset(DateTime.Parse(text, CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)).ToUnixTimeSeconds()),
                "integer" or "long" => JsonValue.Create(long.Parse(text, CultureInfo.InvariantCulture)),
                _ => JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture)),
            };
        }
        catch (FormatException)
        {
            problems.Add($"form key '{key}': '{text}' is not a valid {m.Type(shape)}");
            return null;
        }
    }

    private static bool Present(IReadOnlyDictionary<string, string> form, string key) =>
        form.ContainsKey(key) || form.Keys.Any(k => k.StartsWith(key + ".", StringComparison.Ordinal));

    /// <summary>Writes a canonical document as the awsQuery XML layout.</summary>
    public static XElement ToXml(ServiceModel m, string shape, string name, JsonNode node, XNamespace ns) => m.Type(shape) switch
    {
        "structure" => new XElement(ns + name, m.Members(shape).Where(x => node[x.Name] is not null)
            .Select(x => ToXml(m, x.Shape, x.Name, node[x.Name]!, ns))),
        "list" => new XElement(ns + name, node.AsArray().Select(i => ToXml(m, m.ListMember(shape), "member", i!, ns))),
        "map" => new XElement(ns + name, node.AsObject().Select(kv => new XElement(ns + "entry",
            new XElement(ns + "key", kv.Key), ToXml(m, m.MapValue(shape), "value", kv.Value!, ns)))),
        "boolean" => new XElement(ns + name, (bool)node ? "true" : "false"),
        "timestamp" => new XElement(ns + name, DateTimeOffset.FromUnixTimeSeconds((long)node).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        _ => new XElement(ns + name, node.ToString()),
    };

    /// <summary>Canonical text: object keys sorted, so documents compare structurally.</summary>
    public static string Canonical(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"\"{p.Key}\":{Canonical(p.Value)}")) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        _ => node.ToJsonString(),
    };
}
