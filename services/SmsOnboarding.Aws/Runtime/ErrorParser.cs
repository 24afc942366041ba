using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace SmsOnboarding.Aws.Runtime;

/// <summary>Turns an AWS error response (awsJson or awsQuery XML) into an <see cref="AwsServiceException"/>.</summary>
public static class ErrorParser
{
    public sealed record ParsedError(string Code, string Message, string? RequestId, string? Reason);

    /// <summary>botocore: code = text after '#' and before ':' of <c>__type</c> (or the x-amzn-ErrorType header).</summary>
    public static string NormalizeJsonErrorCode(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var code = raw;
        var hash = code.LastIndexOf('#');
        if (hash >= 0)
        {
            code = code[(hash + 1)..];
        }
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            code = code[..colon];
        }
        return code.Trim();
    }

    public static ParsedError ParseJson(HttpStatusCode status, string body, HttpResponseHeaders? headers)
    {
        string? code = null, message = null, reason = null;
        try
        {
            using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                code = StringProperty(doc.RootElement, "__type") ?? StringProperty(doc.RootElement, "code");
                message = StringProperty(doc.RootElement, "message") ?? StringProperty(doc.RootElement, "Message");
                reason = StringProperty(doc.RootElement, "Reason") ?? StringProperty(doc.RootElement, "reason");
            }
        }
        catch (JsonException)
        {
            message = Truncate(body);
        }
        code ??= Header(headers, "x-amzn-ErrorType");
        return new ParsedError(
            code is null ? FallbackCode(status) : NormalizeJsonErrorCode(code),
            message ?? $"HTTP {(int)status}",
            Header(headers, "x-amzn-RequestId"),
            reason);
    }

    /// <summary>awsQuery: <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;RequestId/&gt;</c>, namespaces ignored.</summary>
    public static ParsedError ParseXml(HttpStatusCode status, string body, HttpResponseHeaders? headers)
    {
        string? code = null, message = null, requestId = null;
        try
        {
            var root = XDocument.Parse(body).Root;
            var error = root?.DescendantsAndSelf().FirstOrDefault(e => e.Name.LocalName == "Error");
            code = Child(error, "Code");
            message = Child(error, "Message");
            requestId = root?.DescendantsAndSelf()
                .FirstOrDefault(e => e.Name.LocalName is "RequestId" or "RequestID")?.Value;
        }
        catch (XmlException)
        {
            message = Truncate(body);
        }
        return new ParsedError(
            string.IsNullOrWhiteSpace(code) ? FallbackCode(status) : code.Trim(),
            message ?? $"HTTP {(int)status}",
            requestId ?? Header(headers, "x-amzn-RequestId") ?? Header(headers, "x-amz-request-id"),
            null);
    }

    private static string FallbackCode(HttpStatusCode status) =>
        (int)status >= 500 ? "InternalFailure" : status == HttpStatusCode.TooManyRequests ? "Throttling" : $"Http{(int)status}";

    private static string? StringProperty(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static string? Child(XElement? e, string name) =>
        e?.Elements().FirstOrDefault(x => x.Name.LocalName == name)?.Value;

    private static string? Header(HttpResponseHeaders? headers, string name) =>
        headers is not null && headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string Truncate(string body) => body.Length <= 200 ? body : body[..200] + "…";
}
