using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace SmsOnboarding.Api.Onboardings;

/// <summary>
/// Where a page of the newest-first list ended: the last record's creation time and id. Opaque to callers
/// (base64url), so its shape can change; a cursor that does not decode is the caller's error.
/// </summary>
public sealed record OnboardingCursor(DateTimeOffset CreatedAt, string Id)
{
    public static OnboardingCursor After(OnboardingRecord last) => new(last.CreatedAt, last.Id);

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture) + "|" + Id));

    public static bool TryDecode(string text, out OnboardingCursor? cursor)
    {
        cursor = null;
        if (text.Length > 200 || !Base64Url.IsValid(text))
        {
            return false;
        }
        var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('|', 2);
        if (parts.Length != 2 || parts[1].Length == 0
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }
        cursor = new OnboardingCursor(new DateTimeOffset(ticks, TimeSpan.Zero), parts[1]);
        return true;
    }
}
