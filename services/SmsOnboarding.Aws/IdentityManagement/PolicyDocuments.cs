namespace SmsOnboarding.Aws.IdentityManagement;

/// <summary>
/// IAM returns policy documents (AssumeRolePolicyDocument, PolicyDocument) URL-encoded (RFC 3986); the SDKs pass them through
/// as received. Decode before parsing or comparing.
/// </summary>
public static class PolicyDocuments
{
    public static string Decode(string document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var trimmed = document.TrimStart();
        return trimmed.StartsWith('{') ? document : Uri.UnescapeDataString(document);
    }
}
