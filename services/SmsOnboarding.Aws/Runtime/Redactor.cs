using System.Reflection;
using System.Text.RegularExpressions;

namespace SmsOnboarding.Aws.Runtime;

/// <summary>Removes phone numbers and one-time passwords from text that reaches logs or exception messages.</summary>
public static partial class Redactor
{
    public const string Mask = "[redacted]";

    /// <summary>E.164 (+ and 8–15 digits, optionally spaced/dashed) and free-standing 5–8 digit codes (OTP length).</summary>
    public static string Redact(string? text, IEnumerable<string>? sensitiveValues = null)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }
        foreach (var value in sensitiveValues ?? [])
        {
            if (value.Length >= 3)
            {
                text = text.Replace(value, Mask, StringComparison.Ordinal);
            }
        }
        text = PhoneNumber().Replace(text, MaskPhone);
        return OneTimeCode().Replace(text, Mask);
    }

    /// <summary>String values of members the model marks sensitive (e.g. PhoneNumber, OneTimePassword) on a request.</summary>
    public static IReadOnlyList<string> SensitiveValues(object? request)
    {
        if (request is null)
        {
            return [];
        }
        return request.GetType()
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(string) && p.IsDefined(typeof(AwsSensitiveAttribute)))
            .Select(p => p.GetValue(request) as string)
            .OfType<string>()
            .ToList();
    }

    /// <summary>Keeps the last two digits so an operator can tell numbers apart.</summary>
    private static string MaskPhone(Match m)
    {
        var digits = m.Value.Where(char.IsAsciiDigit).ToArray();
        return "+" + new string('*', digits.Length - 2) + new string(digits[^2..]);
    }

    [GeneratedRegex(@"\+\d(?:[\s\-]?\d){7,14}")]
    private static partial Regex PhoneNumber();

    [GeneratedRegex(@"(?<![\w\-\*])\d{5,8}(?![\w\-])")]
    private static partial Regex OneTimeCode();
}
