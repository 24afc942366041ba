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
    UnknownAccessKey,
    SignatureMismatch,
    Expired,
}

public sealed record SigV4Result(SigV4Outcome Outcome, CredentialScope? Scope, string Message)
{
    public bool IsValid => Outcome == SigV4Outcome.Valid;
}

/// <summary>
/// The secret key of <paramref name="accessKeyId"/>, or null when the key is unknown or <paramref name="sessionToken"/>
/// (the <c>X-Amz-Security-Token</c> header) is not the one issued with it: temporary credentials are only valid
/// with their token, long-term keys only without one.
/// </summary>
public delegate string? SigningSecretLookup(string accessKeyId, string? sessionToken);

/// <summary>
/// Verifies AWS Signature Version 4 Authorization headers by recomputing the canonical request and the
/// signature with the known secret key, exactly as AWS does for header-signed requests.
/// </summary>
public sealed class SigV4Verifier
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
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
            return new(SigV4Outcome.MissingAuthentication, null,
                "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters with a valid AWS4-HMAC-SHA256 credential scope.");
        }
        string? sessionToken = request.Headers["X-Amz-Security-Token"];
        if (_secretOf(scope.AccessKeyId, string.IsNullOrEmpty(sessionToken) ? null : sessionToken) is not { } secretAccessKey)
        {
            return new(SigV4Outcome.UnknownAccessKey, scope, "The security token included in the request is invalid.");
        }
        var signedHeaders = AuthorizationPart(authorization, "SignedHeaders");
        var signature = AuthorizationPart(authorization, "Signature");
        string? amzDate = request.Headers["X-Amz-Date"];
        if (signedHeaders is null || signature is null || string.IsNullOrEmpty(amzDate))
        {
            return new(SigV4Outcome.MissingAuthentication, scope,
                "Authorization header requires 'Signature', 'SignedHeaders' and an X-Amz-Date header.");
        }
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var signedAt) || !amzDate.StartsWith(scope.Date, StringComparison.Ordinal))
        {
            return new(SigV4Outcome.SignatureMismatch, scope, $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{scope.Date}' != '{amzDate}'.");
        }
        var now = _clock.GetUtcNow();
        if ((now - signedAt).Duration() > MaxSkew)
        {
            return new(SigV4Outcome.Expired, scope,
                $"Signature expired: {amzDate} is now earlier than {(now - MaxSkew).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)} ({now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)} - 15 min.)");
        }

        var canonicalRequest = CanonicalRequest(request, signedHeaders, body);
        var stringToSign = string.Join('\n', Algorithm, amzDate, scope.Scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        var expected = Hex(HMACSHA256.HashData(SigningKey(scope, secretAccessKey), Encoding.UTF8.GetBytes(stringToSign)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature.ToLowerInvariant()))
            ? new(SigV4Outcome.Valid, scope, "")
            : new(SigV4Outcome.SignatureMismatch, scope,
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }

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

    private static string CanonicalRequest(HttpRequest request, string signedHeaders, ReadOnlySpan<byte> body)
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
        string? declaredPayload = request.Headers["X-Amz-Content-SHA256"];
        var payloadHash = declaredPayload == "UNSIGNED-PAYLOAD" ? declaredPayload : Hex(SHA256.HashData(body));
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
