using System.Globalization;
using System.Text.RegularExpressions;

namespace SmsOnboarding.Asl;

/// <summary>
/// RFC3339 timestamps as AWS restricts them: an uppercase T between date and time and an uppercase Z
/// (or a numeric offset), e.g. 2016-08-18T17:33:00Z.
/// </summary>
internal static partial class Timestamps
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();

    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        return Rfc3339().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }
}
