using System.Diagnostics.CodeAnalysis;

namespace SmsOnboarding.Simulator.Auth;

/// <summary>The parsed <c>Credential=</c> part of a SigV4 Authorization header.</summary>
public sealed record CredentialScope(string AccessKeyId, string Date, string Region, string Service)
{
    public string Scope => $"{Date}/{Region}/{Service}/aws4_request";

    /// <summary>Reads the scope from an <c>AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request, ...</c> header.</summary>
    public static bool TryParse(string? authorization, [NotNullWhen(true)] out CredentialScope? scope)
    {
        scope = null;
        if (authorization is null || !authorization.StartsWith(SigV4Verifier.Algorithm + " ", StringComparison.Ordinal))
        {
            return false;
        }
        var credential = SigV4Verifier.AuthorizationPart(authorization, "Credential");
        var parts = credential?.Split('/');
        if (parts is not { Length: 5 } || parts[4] != "aws4_request" || parts.Any(string.IsNullOrEmpty))
        {
            return false;
        }
        scope = new CredentialScope(parts[0], parts[1], parts[2], parts[3]);
        return true;
    }
}
