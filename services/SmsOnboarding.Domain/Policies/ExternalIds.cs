using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace SmsOnboarding.Domain.Policies;

/// <summary>
/// External ids must satisfy both Cognito (up to 131072 characters) and STS AssumeRole (2–1224 characters
/// of [\w+=,.@:/-]); STS is the stricter, so it decides.
/// </summary>
public static partial class ExternalIds
{
    public const int MinLength = 2;
    public const int MaxLength = 1224;

    public static string New() => "smsonb-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Null when the value is valid, else what is wrong with it.</summary>
    public static string? Problem(string? value)
    {
        if (value is null || value.Length < MinLength)
        {
            return $"must be at least {MinLength} characters";
        }

        if (value.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters (the STS AssumeRole limit)";
        }

        return Allowed().IsMatch(value) ? null : "may only contain letters, digits and + = , . @ : / - _";
    }

    [GeneratedRegex(@"^[A-Za-z0-9_+=,.@:/-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Allowed();
}
