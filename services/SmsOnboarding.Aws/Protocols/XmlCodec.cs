using System.Globalization;
using System.Xml.Linq;

namespace SmsOnboarding.Aws.Protocols;

/// <summary>awsQuery XML response layout: lists as <c>&lt;member&gt;</c>, maps as <c>&lt;entry&gt;&lt;key/&gt;&lt;value/&gt;</c>; namespaces ignored on read.</summary>
public static class XmlCodec
{
    public static XElement? Child(XElement element, string name)
    {
        ArgumentNullException.ThrowIfNull(element);
        return element.Elements().FirstOrDefault(e => e.Name.LocalName == name);
    }

    public static List<T> List<T>(XElement element, Func<XElement, T> readItem)
    {
        ArgumentNullException.ThrowIfNull(element);
        return element.Elements().Where(e => e.Name.LocalName == "member").Select(readItem).ToList();
    }

    public static Dictionary<string, T> Map<T>(XElement element, Func<XElement, T> readValue)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentNullException.ThrowIfNull(readValue);
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var entry in element.Elements().Where(e => e.Name.LocalName == "entry"))
        {
            var key = Child(entry, "key")?.Value ?? throw new FormatException("XML map entry without <key>.");
            var value = Child(entry, "value") ?? throw new FormatException($"XML map entry '{key}' without <value>.");
            map[key] = readValue(value);
        }
        return map;
    }

    public static string String(XElement e) => e?.Value ?? throw new ArgumentNullException(nameof(e));

    public static int Int32(XElement e) => int.Parse(String(e), NumberStyles.Integer, CultureInfo.InvariantCulture);

    public static long Int64(XElement e) => long.Parse(String(e), NumberStyles.Integer, CultureInfo.InvariantCulture);

    public static double Double(XElement e) => double.Parse(String(e), NumberStyles.Float, CultureInfo.InvariantCulture);

    public static float Single(XElement e) => float.Parse(String(e), NumberStyles.Float, CultureInfo.InvariantCulture);

    public static bool Boolean(XElement e) => bool.Parse(String(e).Trim());

    public static DateTime Timestamp(XElement e) => WireTime.ParseIso8601(String(e).Trim());

    public static byte[] Blob(XElement e) => Convert.FromBase64String(String(e));

    public static XElement Scalar(string name, XNamespace ns, string value) => new(ns + name, value);

    public static XElement Scalar(string name, XNamespace ns, int value) => new(ns + name, value.ToString(CultureInfo.InvariantCulture));

    public static XElement Scalar(string name, XNamespace ns, long value) => new(ns + name, value.ToString(CultureInfo.InvariantCulture));

    public static XElement Scalar(string name, XNamespace ns, double value) => new(ns + name, value.ToString("R", CultureInfo.InvariantCulture));

    public static XElement Scalar(string name, XNamespace ns, float value) => new(ns + name, value.ToString("R", CultureInfo.InvariantCulture));

    public static XElement Scalar(string name, XNamespace ns, bool value) => new(ns + name, value ? "true" : "false");

    public static XElement Scalar(string name, XNamespace ns, DateTime value) => new(ns + name, WireTime.ToIso8601(value));

    public static XElement Scalar(string name, XNamespace ns, byte[] value) => new(ns + name, Convert.ToBase64String(value));

    public static XElement ListElement<T>(string name, XNamespace ns, IEnumerable<T> items, Func<string, T, XElement> writeItem) =>
        new(ns + name, items.Select(i => writeItem("member", i)));

    public static XElement MapElement<T>(string name, XNamespace ns, IReadOnlyDictionary<string, T> map, Func<string, T, XElement> writeValue) =>
        new(ns + name, map.Select(kv => new XElement(ns + "entry", new XElement(ns + "key", kv.Key), writeValue("value", kv.Value))));
}
