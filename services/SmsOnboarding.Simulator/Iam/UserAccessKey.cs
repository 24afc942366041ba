using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace SmsOnboarding.Simulator.Iam;

/// <summary>A person's long-term access key, registered by the local deployment from its users file.</summary>
internal sealed partial record UserAccessKey(string UserName, string SecretAccessKey, bool Administrator)
{
    /// <summary>The name as IAM allows it in a user ARN (letters, digits and +=,.@_-, at most 64).</summary>
    public string IamUserName { get; } = IamName(UserName);

    /// <summary>A stable unique id of the AIDA form AWS gives users, derived from the name.</summary>
    public string UserId { get; } = "AIDA" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(UserName)))[..17];

    private static string IamName(string name)
    {
        var cleaned = NotAllowed().Replace(name, "-");
        return cleaned.Length <= 64 ? cleaned : cleaned[..64];
    }

    [GeneratedRegex("[^A-Za-z0-9+=,.@_-]")]
    private static partial Regex NotAllowed();
}
