using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace SmsOnboarding.Asl;

/// <summary>
/// Parser for the JSONPath dialect Step Functions accepts (Jayway-style): dot and bracket children, indexes
/// (negative from the end), wildcards, unions, slices, recursive descent and <c>?()</c> filters.
/// </summary>
internal sealed class PathParser
{
    private static readonly ConcurrentDictionary<string, ParsedPath?> Cache = new(StringComparer.Ordinal);
    private const int CacheLimit = 4096;

    private readonly string _text;
    private int _pos;

    private PathParser(string text, int pos)
    {
        _text = text;
        _pos = pos;
    }

    /// <summary>Parses a path starting with $ or $$; null when the syntax is invalid.</summary>
    public static ParsedPath? TryParse(string? path)
    {
        if (path is null)
        {
            return null;
        }

        if (Cache.TryGetValue(path, out var cached))
        {
            return cached;
        }

        ParsedPath? parsed;
        try
        {
            var parser = new PathParser(path, 0);
            parsed = parser.ParseRooted(requireEnd: true);
        }
        catch (FormatException)
        {
            parsed = null;
        }

        if (Cache.Count > CacheLimit)
        {
            Cache.Clear();
        }

        Cache[path] = parsed;
        return parsed;
    }

    private ParsedPath ParseRooted(bool requireEnd)
    {
        var start = _pos;
        Expect('$');
        var isContext = Peek() == '$';
        if (isContext)
        {
            _pos++;
        }

        var segments = new List<PathSegment>();
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '.')
            {
                if (At(".."))
                {
                    _pos += 2;
                    segments.Add(new DescendantSegment(ParseAfterDescent()));
                }
                else
                {
                    _pos++;
                    segments.Add(ParseDotMember(topLevel: true));
                }
            }
            else if (c == '[')
            {
                segments.Add(ParseBracket());
            }
            else if (requireEnd)
            {
                throw new FormatException($"Unexpected '{c}' at {_pos}");
            }
            else
            {
                break;
            }
        }

        return new ParsedPath(_text[start.._pos], isContext, segments);
    }

    private PathSegment ParseAfterDescent()
    {
        if (Peek() == '[')
        {
            return ParseBracket();
        }

        return ParseDotMember(topLevel: true);
    }

    private PathSegment ParseDotMember(bool topLevel)
    {
        if (Peek() == '*')
        {
            _pos++;
            return new WildcardSegment();
        }

        var start = _pos;
        while (_pos < _text.Length && IsNameChar(_text[_pos], topLevel))
        {
            _pos++;
        }

        if (_pos == start)
        {
            throw new FormatException($"Empty member name at {_pos}");
        }

        return new ChildSegment(_text[start.._pos]);
    }

    private static bool IsNameChar(char c, bool topLevel)
    {
        if (c is '.' or '[' or ']')
        {
            return false;
        }

        if (topLevel)
        {
            return !char.IsWhiteSpace(c) && c is not ('(' or ')' or '\'' or '"' or '$' or '@' or ',' or '?' or '*');
        }

        // Inside filters a member name ends at operators, parentheses and whitespace.
        return char.IsLetterOrDigit(c) || c is '_' or '-' or ':' or '+' or '/' or '#';
    }

    private PathSegment ParseBracket()
    {
        Expect('[');
        SkipSpaces();
        PathSegment segment;
        var c = Peek();
        if (c == '*')
        {
            _pos++;
            segment = new WildcardSegment();
        }
        else if (c == '?')
        {
            _pos++;
            Expect('(');
            var expr = ParseOr();
            SkipSpaces();
            Expect(')');
            segment = new FilterSegment(expr);
        }
        else if (c is '\'' or '"')
        {
            var names = new List<object> { ParseQuoted() };
            SkipSpaces();
            while (Peek() == ',')
            {
                _pos++;
                SkipSpaces();
                names.Add(ParseQuoted());
                SkipSpaces();
            }

            segment = names.Count == 1 ? new ChildSegment((string)names[0]) : new UnionSegment(names);
        }
        else
        {
            segment = ParseIndexesOrSlice();
        }

        SkipSpaces();
        Expect(']');
        return segment;
    }

    private PathSegment ParseIndexesOrSlice()
    {
        var first = ParseOptionalInt();
        SkipSpaces();
        if (Peek() == ':')
        {
            _pos++;
            SkipSpaces();
            var end = ParseOptionalInt();
            SkipSpaces();
            int? step = null;
            if (Peek() == ':')
            {
                _pos++;
                SkipSpaces();
                step = ParseOptionalInt();
                if (step == 0)
                {
                    throw new FormatException("Slice step cannot be 0");
                }
            }

            return new SliceSegment(first, end, step);
        }

        if (first is null)
        {
            throw new FormatException($"Expected an index at {_pos}");
        }

        var keys = new List<object> { first.Value };
        while (Peek() == ',')
        {
            _pos++;
            SkipSpaces();
            keys.Add(ParseOptionalInt() ?? throw new FormatException($"Expected an index at {_pos}"));
            SkipSpaces();
        }

        return keys.Count == 1 ? new IndexSegment(first.Value) : new UnionSegment(keys);
    }

    private int? ParseOptionalInt()
    {
        var start = _pos;
        if (Peek() == '-')
        {
            _pos++;
        }

        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
        {
            _pos++;
        }

        if (_pos == start)
        {
            return null;
        }

        return int.TryParse(_text.AsSpan(start, _pos - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"Invalid index at {start}");
    }

    private string ParseQuoted()
    {
        var quote = _text[_pos++];
        var sb = new StringBuilder();
        while (_pos < _text.Length && _text[_pos] != quote)
        {
            var c = _text[_pos++];
            if (c == '\\' && _pos < _text.Length)
            {
                c = _text[_pos++];
            }

            sb.Append(c);
        }

        Expect(quote);
        return sb.ToString();
    }

    private FilterExpression ParseOr()
    {
        var left = ParseAnd();
        SkipSpaces();
        while (At("||"))
        {
            _pos += 2;
            left = new FilterBinary("||", left, ParseAnd());
            SkipSpaces();
        }

        return left;
    }

    private FilterExpression ParseAnd()
    {
        var left = ParseComparison();
        SkipSpaces();
        while (At("&&"))
        {
            _pos += 2;
            left = new FilterBinary("&&", left, ParseComparison());
            SkipSpaces();
        }

        return left;
    }

    private static readonly string[] ComparisonOperators = ["==", "!=", "<=", ">=", "<", ">"];

    private FilterExpression ParseComparison()
    {
        var left = ParseUnary();
        SkipSpaces();
        foreach (var op in ComparisonOperators)
        {
            if (At(op))
            {
                _pos += op.Length;
                var right = ParseUnary();
                return new FilterBinary(op, left, right);
            }
        }

        return left;
    }

    private FilterExpression ParseUnary()
    {
        SkipSpaces();
        var c = Peek();
        switch (c)
        {
            case '!':
                _pos++;
                return new FilterNot(ParseUnary());
            case '(':
                {
                    _pos++;
                    var inner = ParseOr();
                    SkipSpaces();
                    Expect(')');
                    return inner;
                }

            case '@':
            case '$':
                {
                    var sub = new PathParser(_text, _pos);
                    var path = sub.ParseFilterPath();
                    _pos = sub._pos;
                    return new FilterPath(path, c == '@');
                }

            case '\'':
            case '"':
                return new FilterLiteral(JsonValue.Create(ParseQuoted()));
            default:
                return ParseLiteralWord();
        }
    }

    private ParsedPath ParseFilterPath()
    {
        var start = _pos;
        _pos++; // '@' or '$'
        var isContext = false;
        if (_text[start] == '$' && Peek() == '$')
        {
            _pos++;
            isContext = true;
        }

        var segments = new List<PathSegment>();
        while (_pos < _text.Length)
        {
            if (At(".."))
            {
                _pos += 2;
                segments.Add(new DescendantSegment(Peek() == '[' ? ParseBracket() : ParseDotMember(topLevel: false)));
            }
            else if (Peek() == '.')
            {
                _pos++;
                segments.Add(ParseDotMember(topLevel: false));
            }
            else if (Peek() == '[')
            {
                segments.Add(ParseBracket());
            }
            else
            {
                break;
            }
        }

        return new ParsedPath(_text[start.._pos], isContext, segments);
    }

    private FilterLiteral ParseLiteralWord()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] is '.' or '-' or '+'))
        {
            _pos++;
        }

        var word = _text[start.._pos];
        return word switch
        {
            "true" => new FilterLiteral(JsonValue.Create(true)),
            "false" => new FilterLiteral(JsonValue.Create(false)),
            "null" => new FilterLiteral(null),
            _ when decimal.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => new FilterLiteral(JsonValue.Create(d)),
            _ => throw new FormatException($"Unexpected '{word}' in filter at {start}"),
        };
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private bool At(string token) => string.CompareOrdinal(_text, _pos, token, 0, token.Length) == 0;

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
            throw new FormatException($"Expected '{c}' at {_pos}");
        }

        _pos++;
    }
}
