using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SmsOnboarding.Asl;

internal abstract record IntrinsicArgument;

/// <summary>A quoted literal; <see cref="Raw"/> keeps escapes so States.Format can tell \{ from a placeholder.</summary>
internal sealed record StringArgument(string Raw) : IntrinsicArgument
{
    public string Value => IntrinsicParser.Unescape(Raw);
}

internal sealed record LiteralArgument(JsonNode? Value) : IntrinsicArgument;

internal sealed record PathArgument(string Path) : IntrinsicArgument;

internal sealed record CallArgument(IntrinsicCall Call) : IntrinsicArgument;

internal sealed record IntrinsicCall(string Function, IReadOnlyList<IntrinsicArgument> Arguments);

/// <summary>Parses <c>States.Name(arg, ...)</c>; arguments are quoted strings, numbers, booleans, null, paths or nested calls.</summary>
internal sealed partial class IntrinsicParser
{
    public const int MaxNesting = 10;

    private readonly string _text;
    private int _pos;

    private IntrinsicParser(string text) => _text = text;

    public static bool LooksLikeIntrinsic(string text) => text.StartsWith("States.", StringComparison.Ordinal);

    /// <summary>Parses; throws <see cref="FormatException"/> with a readable reason.</summary>
    public static IntrinsicCall Parse(string expression)
    {
        var parser = new IntrinsicParser(expression);
        var call = parser.ParseCall(depth: 1);
        parser.SkipSpaces();
        if (parser._pos != expression.Length)
        {
            throw new FormatException($"Unexpected text after the closing parenthesis at position {parser._pos}");
        }

        return call;
    }

    public static bool TryParse(string expression, out IntrinsicCall? call, out string? problem)
    {
        try
        {
            call = Parse(expression);
            problem = Intrinsics.CheckArity(call);
            return problem is null;
        }
        catch (FormatException e)
        {
            call = null;
            problem = e.Message;
            return false;
        }
    }

    private IntrinsicCall ParseCall(int depth)
    {
        if (depth > MaxNesting)
        {
            throw new FormatException($"Intrinsic functions can be nested at most {MaxNesting} deep");
        }

        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '.'))
        {
            _pos++;
        }

        var name = _text[start.._pos];
        if (!name.StartsWith("States.", StringComparison.Ordinal) || name.Length == "States.".Length)
        {
            throw new FormatException($"Expected an intrinsic function name like States.Format at position {start}");
        }

        SkipSpaces();
        Expect('(');
        var args = new List<IntrinsicArgument>();
        SkipSpaces();
        if (Peek() != ')')
        {
            while (true)
            {
                SkipSpaces();
                args.Add(ParseArgument(depth));
                SkipSpaces();
                if (Peek() == ',')
                {
                    _pos++;
                    continue;
                }

                break;
            }
        }

        Expect(')');
        return new IntrinsicCall(name, args);
    }

    private IntrinsicArgument ParseArgument(int depth)
    {
        var c = Peek();
        if (c == '\'')
        {
            return new StringArgument(ParseQuotedRaw());
        }

        if (c == '$')
        {
            return new PathArgument(ParsePathText());
        }

        if (_text.AsSpan(_pos).StartsWith("States.", StringComparison.Ordinal))
        {
            return new CallArgument(ParseCall(depth + 1));
        }

        var start = _pos;
        while (_pos < _text.Length && _text[_pos] is not (',' or ')' or ' '))
        {
            _pos++;
        }

        var word = _text[start.._pos];
        return word switch
        {
            "null" => new LiteralArgument(null),
            "true" => new LiteralArgument(JsonValue.Create(true)),
            "false" => new LiteralArgument(JsonValue.Create(false)),
            _ when IsNumber(word) => new LiteralArgument(JsonNode.Parse(word)),
            "" => throw new FormatException($"Missing argument at position {start}"),
            _ => throw new FormatException($"Invalid argument '{word}' at position {start}"),
        };
    }

    // JSON number syntax exactly, so the literal always parses as JSON.
    private static bool IsNumber(string word) => JsonNumber().IsMatch(word);

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonNumber();

    private string ParseQuotedRaw()
    {
        Expect('\'');
        var start = _pos;
        while (_pos < _text.Length && _text[_pos] != '\'')
        {
            if (_text[_pos] == '\\')
            {
                _pos++;
                if (_pos >= _text.Length)
                {
                    break;
                }

                if (_text[_pos] is not ('\'' or '{' or '}' or '\\'))
                {
                    throw new FormatException($"Invalid escape '\\{_text[_pos]}' at position {_pos - 1}: only \\' \\{{ \\}} and \\\\ are allowed");
                }
            }

            _pos++;
        }

        var raw = _text[start.._pos];
        Expect('\'');
        return raw;
    }

    // A path runs to the next top-level ',' or ')', skipping brackets and quoted names.
    private string ParsePathText()
    {
        var start = _pos;
        var depth = 0;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c is '\'' or '"')
            {
                var quote = c;
                _pos++;
                while (_pos < _text.Length && _text[_pos] != quote)
                {
                    _pos++;
                }
            }
            else if (c is '[' or '(')
            {
                depth++;
            }
            else if (c is ']' || (c == ')' && depth > 0))
            {
                depth--;
            }
            else if (depth == 0 && c is ',' or ')')
            {
                break;
            }

            _pos++;
        }

        var path = _text[start.._pos].TrimEnd();
        if (!JsonPath.IsValidPath(path))
        {
            throw new FormatException($"Invalid path '{path}' at position {start}");
        }

        return path;
    }

    internal static string Unescape(string raw)
    {
        if (!raw.Contains('\\', StringComparison.Ordinal))
        {
            return raw;
        }

        var sb = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\\' && i + 1 < raw.Length)
            {
                i++;
            }

            sb.Append(raw[i]);
        }

        return sb.ToString();
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void SkipSpaces()
    {
        while (_pos < _text.Length && _text[_pos] == ' ')
        {
            _pos++;
        }
    }

    private void Expect(char c)
    {
        if (Peek() != c)
        {
            throw new FormatException(_pos < _text.Length
                ? $"Expected '{c}' at position {_pos} but found '{_text[_pos]}'"
                : $"Expected '{c}' at the end of the expression");
        }

        _pos++;
    }
}
