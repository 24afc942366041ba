using System.Globalization;

namespace SmsOnboarding.Simulator.Protocol;

/// <summary>An awsQuery request: form fields with <c>Name.member.N</c> lists and <c>Name.entry.N.key/value</c> maps.</summary>
internal sealed class QueryRequest(IReadOnlyDictionary<string, string> fields)
{
    public string Action => Optional("Action") ?? throw new AwsServiceException("MissingAction", "Missing Action");

    public string? Optional(string name) => fields.TryGetValue(name, out var value) ? value : null;

    public string Required(string name) =>
        Optional(name) is { Length: > 0 } value
            ? value
            : throw new AwsServiceException("ValidationError", $"1 validation error detected: Value null at '{name}' failed to satisfy constraint: Member must not be null");

    public int? OptionalInt(string name) =>
        Optional(name) is { } raw
            ? int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new AwsServiceException("InvalidParameter", $"Invalid parameter: {name} Reason: '{raw}' is not an integer")
            : null;

    public IReadOnlyList<string> List(string name)
    {
        var items = new List<string>();
        for (var i = 1; fields.TryGetValue($"{name}.member.{i}", out var value); i++)
        {
            items.Add(value);
        }
        return items;
    }

    public IReadOnlyList<IReadOnlyDictionary<string, string>> StructureList(string name, params string[] members)
    {
        var items = new List<IReadOnlyDictionary<string, string>>();
        for (var i = 1; ; i++)
        {
            var item = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var member in members)
            {
                if (fields.TryGetValue($"{name}.member.{i}.{member}", out var value))
                {
                    item[member] = value;
                }
            }
            if (item.Count == 0)
            {
                return items;
            }
            items.Add(item);
        }
    }

    public IReadOnlyDictionary<string, string> Map(string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; fields.TryGetValue($"{name}.entry.{i}.key", out var key); i++)
        {
            map[key] = Optional($"{name}.entry.{i}.value") ?? "";
        }
        return map;
    }

    public static QueryRequest Parse(string body)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(eq < 0 ? pair : pair[..eq]);
            fields[key] = eq < 0 ? "" : Decode(pair[(eq + 1)..]);
        }
        return new QueryRequest(fields);
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
