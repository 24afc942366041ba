using System.Globalization;
using System.Xml.Linq;

namespace SmsOnboarding.Simulator.Protocol;

/// <summary>Small builders for awsQuery XML responses (elements in the service namespace).</summary>
internal sealed class Xml(XNamespace ns)
{
    public XNamespace Namespace => ns;

    public XElement E(string name, params object?[] content) => new(ns + name, content.Where(c => c is not null));

    public XElement? Opt(string name, object? value) => value is null ? null : new XElement(ns + name, Format(value));

    public XElement Members(string name, IEnumerable<XElement> members) => E(name, members.Cast<object?>().ToArray());

    /// <summary>An operation with an output shape: the result wrapper is always present (SDKs require it, even empty).</summary>
    public XElement Response(string action, string requestId, params object?[] result) =>
        E(action + "Response", E(action + "Result", result), E("ResponseMetadata", E("RequestId", requestId)));

    /// <summary>An operation without an output shape (e.g. IAM PutRolePolicy).</summary>
    public XElement EmptyResponse(string action, string requestId) =>
        E(action + "Response", E("ResponseMetadata", E("RequestId", requestId)));

    /// <summary>True when every character of <paramref name="text"/> may appear in an XML 1.0 document.</summary>
    public static bool IsCarriable(string text)
    {
        try
        {
            System.Xml.XmlConvert.VerifyXmlChars(text);
            return true;
        }
        catch (System.Xml.XmlException)
        {
            return false;
        }
    }

    /// <summary>Client text echoed in an answer, with characters XML cannot carry replaced by U+FFFD.</summary>
    public static string Printable(string text) =>
        IsCarriable(text) ? text : new string([.. text.Select(c => System.Xml.XmlConvert.IsXmlChar(c) ? c : '\uFFFD')]);

    public static string Format(object value) => value switch
    {
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
