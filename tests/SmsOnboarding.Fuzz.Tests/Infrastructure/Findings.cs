using System.Text;

namespace SmsOnboarding.Fuzz.Tests.Infrastructure;

/// <summary>Collects what a fuzz target found; the test fails with the seed and each offending input.</summary>
internal sealed class Findings(string target)
{
    private const int Shown = 10;
    private readonly List<string> _items = [];

    public int Count => _items.Count;

    public int Tried { get; private set; }

    public void Tried1() => Tried++;

    public void Add(string input, string problem) => _items.Add($"{problem}\n    input: {Escape(input)}");

    public void AssertNone()
    {
        if (_items.Count == 0)
        {
            Assert.True(Tried > 0, $"{target}: no input was tried");
            return;
        }
        var message = new StringBuilder()
            .Append(target).Append(": ").Append(_items.Count).Append(" of ").Append(Tried)
            .Append(" inputs failed (").Append(FuzzSeed.Variable).Append('=').Append(FuzzSeed.Base)
            .Append(", target seed ").Append(FuzzSeed.For(target)).AppendLine(")");
        foreach (var item in _items.Take(Shown))
        {
            message.Append("- ").AppendLine(item);
        }
        Assert.Fail(message.ToString());
    }

    /// <summary>Shows control characters and long inputs so the failing input can be pasted back.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Length > 600 ? text[..600] : text)
        {
            builder.Append(c is < ' ' or (>= '\u007f' and <= '\u009f') || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c);
        }
        if (text.Length > 600)
        {
            builder.Append($"... ({text.Length} chars)");
        }
        return builder.ToString();
    }
}
