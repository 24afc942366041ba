using System.Globalization;

namespace SmsOnboarding.Aws.Protocols;

/// <summary>Builds an awsQuery form body in botocore's layout: lists as <c>Name.member.N</c>, maps as <c>Name.entry.N.key/value</c>.</summary>
public sealed class QueryWriter
{
    private readonly List<KeyValuePair<string, string>> _pairs = [];

    public IReadOnlyList<KeyValuePair<string, string>> Pairs => _pairs;

    public void Scalar(string key, string value) => _pairs.Add(new(key, value));

    public void Scalar(string key, int value) => Scalar(key, value.ToString(CultureInfo.InvariantCulture));

    public void Scalar(string key, long value) => Scalar(key, value.ToString(CultureInfo.InvariantCulture));

    public void Scalar(string key, double value) => Scalar(key, value.ToString("R", CultureInfo.InvariantCulture));

    public void Scalar(string key, float value) => Scalar(key, value.ToString("R", CultureInfo.InvariantCulture));

    public void Scalar(string key, bool value) => Scalar(key, value ? "true" : "false");

    public void Scalar(string key, DateTime value) => Scalar(key, WireTime.ToIso8601(value));

    public void Scalar(string key, byte[] value) => Scalar(key, Convert.ToBase64String(value));

    public void List<T>(string key, IReadOnlyList<T> items, Action<string, T> writeItem)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(writeItem);
        if (items.Count == 0)
        {
            // botocore sends an empty list as a bare key so the service sees "set, but empty".
            Scalar(key, string.Empty);
            return;
        }
        for (var i = 0; i < items.Count; i++)
        {
            writeItem($"{key}.member.{i + 1}", items[i]);
        }
    }

    public void Map<T>(string key, IReadOnlyDictionary<string, T> map, Action<string, T> writeValue)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(writeValue);
        var i = 1;
        foreach (var (k, v) in map)
        {
            Scalar($"{key}.entry.{i}.key", k);
            writeValue($"{key}.entry.{i}.value", v);
            i++;
        }
    }

    public string ToFormBody() =>
        string.Join('&', _pairs.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
}
