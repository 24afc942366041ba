using System.Globalization;

namespace SmsOnboarding.Domain.Requests;

/// <summary>
/// Characters a request's text must not hold: they end up in AWS case texts, logs, terminals and the web UI,
/// where NUL truncates, control characters rewrite the screen and bidi overrides make text read differently
/// from what it is (CVE-2021-42574, "Trojan Source").
/// </summary>
public static class TextCharacters
{
    /// <summary>A description of the first forbidden character, or null when the text is clean.</summary>
    public static string? FirstForbidden(string text, bool multiline)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
            {
                return $"an unpaired surrogate (U+{(int)c:X4}) at position {i + 1}";
            }
            if (multiline && c is '\n' or '\r' or '\t')
            {
                continue;
            }
            if (char.GetUnicodeCategory(c) == UnicodeCategory.Control)
            {
                return $"a control character (U+{(int)c:X4}) at position {i + 1}";
            }
            if (IsBidiControl(c))
            {
                return $"a bidirectional text control (U+{(int)c:X4}) at position {i + 1}";
            }
        }
        return null;
    }

    // Embeddings and overrides (U+202A-202E) and isolates (U+2066-2069): the ones Unicode TR#9 lets reorder text.
    private static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
