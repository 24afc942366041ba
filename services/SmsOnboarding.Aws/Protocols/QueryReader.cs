using System.Globalization;

namespace SmsOnboarding.Aws.Protocols;

/// <summary>Reads an awsQuery form body (server side, e.g. the simulator) into the same DTOs the client writes.</summary>
public sealed class QueryReader
{
    private readonly Dictionary<string, string> _values;

    public QueryReader(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        _values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in pairs)
        {
            _values[k] = v;
        }
    }

    public static QueryReader FromFormBody(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var pairs = body.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(part =>
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? string.Empty : part[(eq + 1)..];
            return new KeyValuePair<string, string>(Decode(key), Decode(value));
        });
        return new QueryReader(pairs);
    }

    public bool Has(string key) =>
        _values.ContainsKey(key) || _values.Keys.Any(k => k.StartsWith(key + ".", StringComparison.Ordinal));

    public string? String(string key) => _values.GetValueOrDefault(key);

    public int? Int32(string key) => Parse(key, v => int.Parse(v, NumberStyles.Integer, CultureInfo.InvariantCulture));

    public long? Int64(string key) => Parse(key, v => long.Parse(v, NumberStyles.Integer, CultureInfo.InvariantCulture));

    public double? Double(string key) => Parse(key, v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture));

    public float? Single(string key) => Parse(key, v => float.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture));

    public bool? Boolean(string key) => Parse(key, v => bool.Parse(v));

    public DateTime? Timestamp(string key) => Parse(key, WireTime.ParseIso8601);

    public byte[]? Blob(string key) => String(key) is { } v ? Convert.FromBase64String(v) : null;

    public List<T>? List<T>(string key, Func<string, T> readItem)
    {
        ArgumentNullException.ThrowIfNull(readItem);
        if (!Has(key))
        {
            return null;
        }
        var items = new List<T>();
        for (var i = 1; Has($"{key}.member.{i}"); i++)
        {
            items.Add(readItem($"{key}.member.{i}"));
        }
        return items;
    }

    public Dictionary<string, T>? Map<T>(string key, Func<string, T> readValue)
    {
        ArgumentNullException.ThrowIfNull(readValue);
        if (!Has(key))
        {
            return null;
        }
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        for (var i = 1; String($"{key}.entry.{i}.key") is { } entryKey; i++)
        {
            map[entryKey] = readValue($"{key}.entry.{i}.value");
        }
        return map;
    }

    private T? Parse<T>(string key, Func<string, T> parse) where T : struct
    {
        if (String(key) is not { } v)
        {
            return null;
        }
        try
        {
            return parse(v);
        }
        catch (FormatException e)
        {
            throw new FormatException($"Query parameter '{key}' has an invalid value for {typeof(T).Name}.", e);
        }
    }

    private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
}
