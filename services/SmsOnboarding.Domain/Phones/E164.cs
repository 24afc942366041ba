using Lib = PhoneNumbers;

namespace SmsOnboarding.Domain.Phones;

/// <summary>E.164 parsing, masking and country checks for destination numbers.</summary>
public static class E164
{
    private static readonly Lib.PhoneNumberUtil Util = Lib.PhoneNumberUtil.GetInstance();

    public const int MaxInputLength = 32;

    /// <summary>
    /// Accepts a number written in international form ("+1 206-555-0101") and returns it as E.164.
    /// A number without the leading '+' is refused rather than guessed: the country would be a guess.
    /// </summary>
    public static bool TryNormalize(string? input, out string e164, out string? problem)
    {
        e164 = string.Empty;
        var text = input?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            problem = "is empty";
            return false;
        }

        if (text.Length > MaxInputLength)
        {
            problem = $"is longer than {MaxInputLength} characters";
            return false;
        }

        if (!text.StartsWith('+'))
        {
            problem = "must be in international E.164 form, starting with '+' and the country calling code";
            return false;
        }

        Lib.PhoneNumber parsed;
        try
        {
            parsed = Util.Parse(text, null);
        }
        catch (Lib.NumberParseException ex)
        {
            problem = $"is not a phone number ({ex.ErrorType})";
            return false;
        }

        if (!Util.IsValidNumber(parsed))
        {
            problem = "is not a valid number for its country calling code";
            return false;
        }

        e164 = Util.Format(parsed, Lib.PhoneNumberFormat.E164);
        problem = null;
        return true;
    }

    /// <summary>Keeps the country calling code and the last four digits: enough for a person to recognise their phone.</summary>
    public static string Mask(string e164)
    {
        if (string.IsNullOrEmpty(e164))
        {
            return e164;
        }

        var code = TryCountryCallingCode(e164);
        var prefix = code is null ? "+" : "+" + code.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var digits = e164.TrimStart('+');
        var visible = Math.Min(4, Math.Max(0, digits.Length - (prefix.Length - 1)));
        var hidden = digits.Length - (prefix.Length - 1) - visible;
        return prefix + new string('*', Math.Max(0, hidden)) + digits[^visible..];
    }

    public static int CountryCallingCode(string e164) =>
        TryCountryCallingCode(e164) ?? throw new ArgumentException("Not an E.164 phone number.", nameof(e164));

    /// <summary>
    /// True for numbers of the United States. Compares region of the number, not only the calling code,
    /// because +1 is shared by the whole North American Numbering Plan (Canada, Caribbean).
    /// </summary>
    public static bool IsNorthAmericanUs(string e164)
    {
        try
        {
            var parsed = Util.Parse(e164, null);
            return parsed.CountryCode == 1 && Util.GetRegionCodeForNumber(parsed) == "US";
        }
        catch (Lib.NumberParseException)
        {
            return false;
        }
    }

    private static int? TryCountryCallingCode(string e164)
    {
        try
        {
            return Util.Parse(e164, null).CountryCode;
        }
        catch (Lib.NumberParseException)
        {
            return null;
        }
    }
}
