using System.Text;
using System.Text.Json.Nodes;

namespace SmsOnboarding.Fuzz.Tests.Infrastructure;

/// <summary>A request body the fuzzer sends, with what was done to it (shown when it fails).</summary>
internal sealed record MutatedBody(string Mutation, byte[] Bytes)
{
    public string Text => Encoding.UTF8.GetString(Bytes);

    public override string ToString() => $"[{Mutation}] {Text}";
}

/// <summary>
/// Turns a well-formed JSON object into a malformed or ill-typed one: wrong types, NUL and lone surrogates,
/// numbers in string lists, huge numbers, missing and unknown members, duplicate keys, deep nesting,
/// invalid UTF-8, truncation, oversize values, and documents that are not objects at all.
/// </summary>
internal sealed class JsonMutator(Random random, int oversizeBytes)
{
    private const string Raw = "@@raw@@";

    private static readonly string[] HugeNumbers =
        ["1e308", "-1e308", "1e400", "123456789012345678901234567890", "-0", "0.5", "1E-400", "2147483648", "-2147483649"];

    private static readonly string[] NotObjects = ["", "[]", "null", "\"text\"", "42", "true", "{", "{\"a\":", "{\"a\" 1}", "{'a':1}", "{\"a\":1,}", "\u0000"];

    public MutatedBody Mutate(JsonObject valid)
    {
        var doc = (JsonObject)valid.DeepClone();
        switch (random.Next(14))
        {
            case 0:
                return Replace(doc, "wrong type", RandomNode());
            case 1:
                return Replace(doc, "NUL in a string", JsonValue.Create("a\u0000b"));
            case 2:
                return StringListWithNumber(doc);
            case 3:
                return Replace(doc, "huge number", Raw, HugeNumbers[random.Next(HugeNumbers.Length)]);
            case 4:
                return RemoveMember(doc);
            case 5:
                doc["Unknown" + random.Next(100)] = RandomNode();
                return Body("unknown member", doc.ToJsonString());
            case 6:
                return DuplicateKey(doc);
            case 7:
                return Replace(doc, "lone surrogate", Raw, random.Next(2) == 0 ? "\"\\ud800\"" : "\"a\\udc00b\"");
            case 8:
                var depth = random.Next(2) == 0 ? 70 : 2000;
                return Replace(doc, $"nesting {depth} deep", Raw, new string('[', depth) + new string(']', depth));
            case 9:
                return InvalidUtf8(doc);
            case 10:
                var text = doc.ToJsonString();
                return Body("truncated", text[..random.Next(text.Length)]);
            case 11:
                return Replace(doc, "oversize string", JsonValue.Create(new string('x', oversizeBytes)));
            case 12:
                return Body("not an object", NotObjects[random.Next(NotObjects.Length)]);
            default:
                return Replace(doc, "odd string", JsonValue.Create(OddStrings[random.Next(OddStrings.Length)]));
        }
    }

    private static readonly string[] OddStrings =
        ["", " ", "\t\r\n", "😀", "\u202etxt", "%00", "../../etc/passwd", "arn:aws:sns:us-east-1:000000000000:", "'; DROP TABLE x;--", "\uFFFF", "\uFEFF"];

    private JsonNode? RandomNode() => random.Next(7) switch
    {
        0 => JsonValue.Create(random.Next()),
        1 => JsonValue.Create("s" + random.Next(100)),
        2 => JsonValue.Create(random.Next(2) == 0),
        3 => new JsonArray(JsonValue.Create(1), JsonValue.Create("x")),
        4 => new JsonObject { ["k"] = 1 },
        5 => JsonValue.Create(-1.5),
        _ => null,
    };

    private MutatedBody Replace(JsonObject doc, string mutation, JsonNode? replacement)
    {
        SetRandomSlot(doc, replacement);
        return Body(mutation, doc.ToJsonString());
    }

    private MutatedBody Replace(JsonObject doc, string mutation, string placeholder, string rawText)
    {
        SetRandomSlot(doc, JsonValue.Create(placeholder));
        return Body(mutation, doc.ToJsonString().Replace($"\"{placeholder}\"", rawText, StringComparison.Ordinal));
    }

    // Somewhere in the document: an existing member, list item or map value, or a new top-level member.
    private void SetRandomSlot(JsonObject doc, JsonNode? replacement)
    {
        var slots = new List<(JsonNode Parent, object Key)>();
        Collect(doc, slots);
        if (slots.Count == 0 || random.Next(5) == 0)
        {
            doc["Member" + random.Next(10)] = replacement;
            return;
        }
        var (parent, key) = slots[random.Next(slots.Count)];
        if (parent is JsonObject obj)
        {
            obj[(string)key] = replacement;
        }
        else
        {
            ((JsonArray)parent)[(int)key] = replacement;
        }
    }

    private static void Collect(JsonNode node, List<(JsonNode, object)> slots)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    slots.Add((obj, name));
                    if (child is not null)
                    {
                        Collect(child, slots);
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    slots.Add((array, i));
                    if (array[i] is { } child)
                    {
                        Collect(child, slots);
                    }
                }
                break;
            default:
                break;
        }
    }

    private MutatedBody StringListWithNumber(JsonObject doc)
    {
        var lists = new List<(JsonNode, object)>();
        Collect(doc, lists);
        var stringLists = lists.Select(s => s.Item1).OfType<JsonArray>().Distinct().ToList();
        if (stringLists.Count == 0)
        {
            doc["Member" + random.Next(10)] = new JsonArray(JsonValue.Create("a"), JsonValue.Create(7));
        }
        else
        {
            stringLists[random.Next(stringLists.Count)].Add(random.Next(2) == 0 ? JsonValue.Create(42) : JsonValue.Create(1e300));
        }
        return Body("number in a list", doc.ToJsonString());
    }

    private MutatedBody RemoveMember(JsonObject doc)
    {
        if (doc.Count > 0)
        {
            doc.Remove(doc.ElementAt(random.Next(doc.Count)).Key);
        }
        return Body("missing member", doc.ToJsonString());
    }

    private MutatedBody DuplicateKey(JsonObject doc)
    {
        var text = doc.ToJsonString();
        var name = doc.Count > 0 ? doc.ElementAt(random.Next(doc.Count)).Key : "Key";
        var duplicate = $"\"{name}\":{(random.Next(2) == 0 ? "1" : "\"dup\"")}";
        return Body("duplicate key", text.Length > 2 ? text[..^1] + "," + duplicate + "}" : "{" + duplicate + "," + duplicate + "}");
    }

    private MutatedBody InvalidUtf8(JsonObject doc)
    {
        SetRandomSlot(doc, JsonValue.Create(Raw));
        var text = doc.ToJsonString();
        var at = text.IndexOf(Raw, StringComparison.Ordinal);
        byte[][] bad = [[0xC3, 0x28], [0xFF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82]];
        var bytes = Encoding.UTF8.GetBytes(text[..at]).Concat(bad[random.Next(bad.Length)]).Concat(Encoding.UTF8.GetBytes(text[(at + Raw.Length)..])).ToArray();
        return new MutatedBody("invalid UTF-8", bytes);
    }

    private static MutatedBody Body(string mutation, string text) => new(mutation, Encoding.UTF8.GetBytes(text));
}
