using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmsOnboarding.Fuzz.Tests.Infrastructure;

/// <summary>
/// awsQuery form bodies: a well-typed input flattened as the protocol does (<c>Name.member.N</c>,
/// <c>Name.entry.N.key</c>), then broken: NUL and control characters, non-numbers and 1e308 where integers go,
/// missing members, unknown or missing actions, bad percent-encoding, invalid UTF-8, gaps in lists.
/// </summary>
internal sealed class QueryMutator(Random random)
{
    private static readonly string[] BadValues =
        ["a\u0000b", "\u0001", "\u001f", "\ud800", "1e308", "-1", "abc", "99999999999999999999", "", "%", "\uFFFE", "😀"];

    private static readonly string[] BadEncodings = ["%", "%zz", "%0", "%ff", "%c3%28", "%ed%a0%80", "%00", "+%2B+", "a=b=c"];

    public static List<KeyValuePair<string, string>> Flatten(string action, string version, JsonObject input)
    {
        var pairs = new List<KeyValuePair<string, string>> { new("Action", action), new("Version", version) };
        Add(pairs, "", input);
        return pairs;
    }

    public MutatedBody Mutate(List<KeyValuePair<string, string>> valid)
    {
        var pairs = valid.ToList();
        var at = random.Next(pairs.Count);
        switch (random.Next(9))
        {
            case 0:
                pairs[at] = new(pairs[at].Key, BadValues[random.Next(BadValues.Length)]);
                return Encode("bad value", pairs);
            case 1:
                pairs.Add(new(pairs[at].Key + ".member.1", "a\u0000"));
                return Encode("NUL in a list item", pairs);
            case 2:
                if (pairs.Count > 2)
                {
                    pairs.RemoveAt(random.Next(2, pairs.Count));
                }
                return Encode("missing member", pairs);
            case 3:
                pairs[0] = new("Action", random.Next(2) == 0 ? "NoSuchAction" + random.Next(100) : "");
                return Encode("unknown action", pairs);
            case 4:
                pairs.RemoveAt(0);
                return Encode("no action", pairs);
            case 5:
                var text = EncodeText(pairs) + "&" + (random.Next(2) == 0 ? "X=" : "") + BadEncodings[random.Next(BadEncodings.Length)];
                return new("bad percent-encoding", Encoding.UTF8.GetBytes(text));
            case 6:
                var bytes = Encoding.UTF8.GetBytes(EncodeText(pairs) + "&Name=").Concat(new byte[] { 0xC3, 0x28, 0xFF }).ToArray();
                return new("invalid UTF-8", bytes);
            case 7:
                pairs.Add(new($"{pairs[at].Key}.member.{(random.Next(2) == 0 ? "3" : "2147483648")}", "gap"));
                return Encode("list gap", pairs);
            default:
                pairs.Add(new(pairs[at].Key, "duplicate"));
                return Encode("duplicate key", pairs);
        }
    }

    private static void Add(List<KeyValuePair<string, string>> pairs, string prefix, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    Add(pairs, prefix.Length == 0 ? name : $"{prefix}.{name}", child);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Add(pairs, $"{prefix}.member.{i + 1}", array[i]);
                }
                break;
            case JsonValue value:
                pairs.Add(new(prefix, value.GetValueKind() switch
                {
                    JsonValueKind.String => value.GetValue<string>(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => value.ToJsonString(),
                }));
                break;
            default:
                break;
        }
    }

    private static MutatedBody Encode(string mutation, List<KeyValuePair<string, string>> pairs) =>
        new(mutation, Encoding.UTF8.GetBytes(EncodeText(pairs)));

    private static string EncodeText(List<KeyValuePair<string, string>> pairs) =>
        string.Join('&', pairs.Select(p => Uri.EscapeDataString(p.Key) + "=" + EscapeValue(p.Value)));

    // Uri.EscapeDataString refuses lone surrogates: those are sent as the bytes of their replacement (still malformed for XML).
    private static string EscapeValue(string value)
    {
        try
        {
            return Uri.EscapeDataString(value);
        }
        catch (UriFormatException)
        {
            return "%ED%A0%80";
        }
        catch (ArgumentException)
        {
            return "%ED%A0%80";
        }
    }
}
