using System.Globalization;

namespace SmsOnboarding.Simulator.Protocol;

/// <summary>
/// An awsQuery request: form fields with <c>Name.member.N</c> lists and <c>Name.entry.N.key/value</c> maps.
/// <paramref name="invalidInputCode"/> is the service's modeled error for a parameter it cannot read.
/// </summary>
internal sealed class QueryRequest(IReadOnlyDictionary<string, string> fields, string invalidInputCode)
{
    public string Action => Optional("Action") is { Length: > 0 } action ? action : throw new AwsServiceException("MissingAction", "Missing Action");

    public string? Optional(string name) => fields.TryGetValue(name, out var value) ? value : null;

    public string Required(string name) =>
        Optional(name) is { Length: > 0 } value
            ? value
            : throw new AwsServiceException(invalidInputCode, $"1 validation error detected: Value null at '{name}' failed to satisfy constraint: Member must not be null");

    public int? OptionalInt(string name) =>
        Optional(name) is { } raw
            ? int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new AwsServiceException(invalidInputCode, $"Invalid parameter: {name} Reason: '{Xml.Printable(raw)}' is not an integer")
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

    /// <summary>
    /// Reads a form body. A name or value holding a character XML 1.0 cannot carry (NUL and other controls,
    /// lone surrogates) is refused here: awsQuery answers are XML, and AWS's query services refuse such
    /// parameters as invalid rather than echo them.
    /// </summary>
    public static QueryRequest Parse(string body, string invalidInputCode)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Decode(pair[(eq + 1)..]);
            if (!Xml.IsCarriable(key) || !Xml.IsCarriable(value))
            {
                throw new AwsServiceException(invalidInputCode,
                    $"Invalid parameter: {Xml.Printable(key)} Reason: the value contains a character that is not allowed (control character or invalid Unicode)");
            }
            fields[key] = value;
        }
        return new QueryRequest(fields, invalidInputCode);
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
