namespace SmsOnboarding.Domain.Requests;

/// <summary>
/// The opt-in screenshot as the request carries it: a data: URL of a PDF, JPEG or PNG (what CreateRegistrationAttachment
/// accepts) or an s3:// URL that AWS reads itself.
/// </summary>
public static class Screenshots
{
    private static readonly string[] MediaTypes = ["image/png", "image/jpeg", "application/pdf"];

    public static bool IsS3Url(string value) => value.StartsWith("s3://", StringComparison.Ordinal);

    /// <summary>The file's bytes from a data: URL (null for an s3:// URL).</summary>
    public static byte[]? Content(string value) =>
        IsS3Url(value) ? null : Convert.FromBase64String(value[(value.IndexOf(',', StringComparison.Ordinal) + 1)..]);

    /// <summary>Why the value is not a usable screenshot, or null.</summary>
    public static string? Problem(string value)
    {
        if (IsS3Url(value))
        {
            return value.Length > 5 && value.IndexOf('/', 5) > 5 ? null : "must name a bucket and key (s3://bucket/key).";
        }

        var comma = value.IndexOf(',', StringComparison.Ordinal);
        var header = comma < 0 ? "" : value[..comma];
        if (!header.StartsWith("data:", StringComparison.Ordinal) || !header.EndsWith(";base64", StringComparison.Ordinal) ||
            !MediaTypes.Contains(header[5..^7]))
        {
            return "must be a data: URL of a PNG, JPEG or PDF file (data:image/png;base64,…) or an s3:// URL.";
        }

        var body = value[(comma + 1)..];
        var bytes = new byte[body.Length];
        if (!Convert.TryFromBase64String(body, bytes, out var length) || length == 0)
        {
            return "holds no file: its base64 content does not decode.";
        }

        var expected = header[5..^7] switch
        {
            "image/png" => new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' },
            "image/jpeg" => [0xFF, 0xD8, 0xFF],
            _ => "%PDF"u8.ToArray(),
        };
        return bytes.AsSpan(0, length).StartsWith(expected) ? null : $"is not a {header[5..^7]} file (its first bytes say otherwise).";
    }
}
