using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace SmsOnboarding.Simulator.Auth;

public enum SigV4Outcome
{
    Valid,
    MissingAuthentication,
    IncompleteSignature,
    UnknownAccessKey,
    SignatureMismatch,
    Expired,
}

public sealed record SigV4Result(SigV4Outcome Outcome, CredentialScope? Scope, string Message)
{
    public bool IsValid => Outcome == SigV4Outcome.Valid;

    /// <summary>
    /// The error AWS answers for this outcome: awsJson and awsQuery services name them differently
    /// (the services' Common Errors pages; see the simulator README, "Signatures").
    /// </summary>
    public (string Code, int StatusCode) Error(bool json) => Outcome switch
    {
        SigV4Outcome.MissingAuthentication => (json ? "MissingAuthenticationTokenException" : "MissingAuthenticationToken", 403),
        SigV4Outcome.IncompleteSignature => (json ? "IncompleteSignatureException" : "IncompleteSignature", 400),
        SigV4Outcome.UnknownAccessKey => (json ? "UnrecognizedClientException" : "InvalidClientTokenId", 403),
        _ => (json ? "InvalidSignatureException" : "SignatureDoesNotMatch", 403),
    };
}

/// <summary>
/// The secret key of <paramref name="accessKeyId"/>, or null when the key is unknown or <paramref name="sessionToken"/>
/// (the <c>X-Amz-Security-Token</c> header) is not the one issued with it: temporary credentials are only valid
/// with their token, long-term keys only without one.
/// </summary>
public delegate string? SigningSecretLookup(string accessKeyId, string? sessionToken);

/// <summary>
/// Verifies AWS Signature Version 4 Authorization headers as AWS does for header-signed requests to non-S3
/// services: the signed headers must cover host, the date and every content-type/x-amz-* header sent, the
/// payload hash is always computed from the body (so <c>UNSIGNED-PAYLOAD</c>, an S3-only option, cannot
/// match), and the signature is recomputed with the known secret key.
/// </summary>
public sealed class SigV4Verifier
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    private const string IsoBasic = "yyyyMMdd'T'HHmmss'Z'";
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);

    private readonly SigningSecretLookup _secretOf;

    // Signatures are made by real clients on wall-clock time, so the skew check must not follow the
    // simulated (time-skipping) clock of the account.
    private readonly TimeProvider _clock;

    public SigV4Verifier(SigningSecretLookup secretOf, TimeProvider? signingClock = null)
    {
        _secretOf = secretOf ?? throw new ArgumentNullException(nameof(secretOf));
        _clock = signingClock ?? TimeProvider.System;
    }

    /// <summary>One long-term key pair (no session token).</summary>
    public SigV4Verifier(string accessKeyId, string secretAccessKey, TimeProvider? signingClock = null)
        : this((key, token) => key == accessKeyId && token is null ? secretAccessKey : null, signingClock)
    {
    }

    public static SigV4Verifier ForSimulator(TimeProvider? signingClock = null) =>
        new(SimulatorCredentials.AccessKeyId, SimulatorCredentials.SecretAccessKey, signingClock);

    /// <summary>Reads the whole body (buffering it so handlers can read it again) and verifies the request.</summary>
    public async Task<SigV4Result> VerifyAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.EnableBuffering();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        request.Body.Position = 0;
        return Verify(request, buffer.ToArray());
    }

    public SigV4Result Verify(HttpRequest request, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? authorization = request.Headers.Authorization;
        if (string.IsNullOrEmpty(authorization))
        {
            return new(SigV4Outcome.MissingAuthentication, null, "Request is missing Authentication Token");
        }
        if (!CredentialScope.TryParse(authorization, out var scope))
        {
            return new(SigV4Outcome.IncompleteSignature, null,
                $"Authorization header requires 'Credential' parameter with a valid AWS4-HMAC-SHA256 credential scope. Authorization={Printable(authorization)}");
        }
        var signedHeaders = AuthorizationPart(authorization, "SignedHeaders");
        var signature = AuthorizationPart(authorization, "Signature");
        if (string.IsNullOrEmpty(signedHeaders) || string.IsNullOrEmpty(signature))
        {
            return new(SigV4Outcome.IncompleteSignature, scope,
                $"Authorization header requires 'Signature' and 'SignedHeaders' parameters. Authorization={Printable(authorization)}");
        }
        if (Incomplete(request, signedHeaders.Split(';')) is { } missing)
        {
            return new(SigV4Outcome.IncompleteSignature, scope, missing);
        }
        string? sessionToken = request.Headers["X-Amz-Security-Token"];
        if (_secretOf(scope.AccessKeyId, string.IsNullOrEmpty(sessionToken) ? null : sessionToken) is not { } secretAccessKey)
        {
            return new(SigV4Outcome.UnknownAccessKey, scope, "The security token included in the request is invalid.");
        }
        if (RequestTime(request) is not { } signedAt)
        {
            return new(SigV4Outcome.IncompleteSignature, scope,
                "Date must be in ISO-8601 'basic format'. Got an X-Amz-Date or Date header that is neither that nor an RFC 1123 date.");
        }
        var amzDate = signedAt.ToString(IsoBasic, CultureInfo.InvariantCulture);
        if (!amzDate.StartsWith(scope.Date, StringComparison.Ordinal))
        {
            return new(SigV4Outcome.SignatureMismatch, scope, $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{Printable(scope.Date)}' != '{amzDate}', from '{amzDate}'.");
        }
        var now = _clock.GetUtcNow();
        if ((now - signedAt).Duration() > MaxSkew)
        {
            return new(SigV4Outcome.Expired, scope,
                $"Signature expired: {amzDate} is now earlier than {(now - MaxSkew).ToString(IsoBasic, CultureInfo.InvariantCulture)} ({now.ToString(IsoBasic, CultureInfo.InvariantCulture)} - 15 min.)");
        }
        var payloadHash = Hex(SHA256.HashData(body));
        string? declaredPayload = request.Headers["X-Amz-Content-SHA256"];
        if (declaredPayload is not null && !string.Equals(declaredPayload, payloadHash, StringComparison.OrdinalIgnoreCase))
        {
            return new(SigV4Outcome.SignatureMismatch, scope, declaredPayload == "UNSIGNED-PAYLOAD"
                ? "UNSIGNED-PAYLOAD is accepted only by Amazon S3: this service signs the SHA-256 hash of the request body."
                : "The provided 'x-amz-content-sha256' header does not match what was computed.");
        }

        var canonicalRequest = CanonicalRequest(request, signedHeaders, payloadHash);
        var stringToSign = string.Join('\n', Algorithm, amzDate, scope.Scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var expected = Hex(HMACSHA256.HashData(SigningKey(scope, secretAccessKey), Encoding.UTF8.GetBytes(stringToSign)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.UTF8.GetBytes(signature.ToLowerInvariant()))
            ? new(SigV4Outcome.Valid, scope, "")
            : new(SigV4Outcome.SignatureMismatch, scope,
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }

    /// <summary>
    /// SigV4 requires host and the request date to be signed, and content-type and every x-amz-* header that
    /// is sent (AWS General Reference, "Create a canonical request"); an unsigned one is an incomplete signature.
    /// </summary>
    private static string? Incomplete(HttpRequest request, string[] signed)
    {
        var set = new HashSet<string>(signed, StringComparer.Ordinal);
        if (!set.Contains("host"))
        {
            return "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.";
        }
        var dateHeader = request.Headers.ContainsKey("X-Amz-Date") ? "x-amz-date" : request.Headers.ContainsKey("Date") ? "date" : null;
        if (dateHeader is null)
        {
            return "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.";
        }
        var unsigned = request.Headers.Keys
            .Select(name => name.ToLowerInvariant())
            .Where(name => name == dateHeader || name == "content-type" || name.StartsWith("x-amz-", StringComparison.Ordinal))
            .Where(name => !set.Contains(name))
            .Order(StringComparer.Ordinal)
            .ToList();
        return unsigned.Count == 0 ? null : $"'{string.Join("', '", unsigned)}' must be a 'SignedHeader' in the AWS Authorization.";
    }

    private static DateTimeOffset? RequestTime(HttpRequest request)
    {
        string? amzDate = request.Headers["X-Amz-Date"];
        if (amzDate is not null)
        {
            return DateTimeOffset.TryParseExact(amzDate, IsoBasic, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
        }
        return DateTimeOffset.TryParseExact(request.Headers.Date.ToString(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;
    }

    // Error messages echo client input: keep them to printable ASCII so every protocol can carry them.
    private static string Printable(string value) =>
        new([.. value.Take(256).Select(c => c is >= ' ' and <= '~' ? c : '?')]);

    internal static string? AuthorizationPart(string authorization, string name)
    {
        foreach (var raw in authorization[(Algorithm.Length + 1)..].Split(','))
        {
            var part = raw.Trim();
            if (part.StartsWith(name + "=", StringComparison.Ordinal))
            {
                return part[(name.Length + 1)..];
            }
        }
        return null;
    }

    private static string CanonicalRequest(HttpRequest request, string signedHeaders, string payloadHash)
    {
        var rawTarget = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(rawTarget))
        {
            rawTarget = request.PathBase + request.Path + request.QueryString;
        }
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var query = queryStart < 0 ? "" : rawTarget[(queryStart + 1)..];

        var canonicalHeaders = new StringBuilder();
        foreach (var name in signedHeaders.Split(';'))
        {
            var values = request.Headers[name].Select(v => CollapseSpaces((v ?? "").Trim()));
            canonicalHeaders.Append(name).Append(':').Append(string.Join(',', values)).Append('\n');
        }
        return string.Join('\n', request.Method, CanonicalPath(path), CanonicalQuery(query), canonicalHeaders.ToString(), signedHeaders, payloadHash);
    }

    // Non-S3 services sign the path as sent, URI-encoded once more.
    private static string CanonicalPath(string path) =>
        string.IsNullOrEmpty(path) ? "/" : string.Join('/', path.Split('/').Select(Encode));

    private static string CanonicalQuery(string query) =>
        string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
                var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
                return (Key: Encode(key), Value: Encode(value));
            })
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value));

    private static string Encode(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    private static string CollapseSpaces(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c == ' ' && builder.Length > 0 && builder[^1] == ' ')
            {
                continue;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    private static byte[] SigningKey(CredentialScope scope, string secretAccessKey)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), Encoding.UTF8.GetBytes(scope.Date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(scope.Region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(scope.Service));
        return HMACSHA256.HashData(key, "aws4_request"u8.ToArray());
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
