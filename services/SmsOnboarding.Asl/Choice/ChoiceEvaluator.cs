using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SmsOnboarding.Asl;

internal static class ChoiceEvaluator
{
    public static bool Evaluate(ComparisonRule rule, JsonNode? input, JsonNode? context)
    {
        var present = Paths.TryResolve(rule.Variable, input, context, out var value);
        var op = rule.Operator;
        if (op == ComparisonOperator.IsPresent)
        {
            return present == ExpectBoolean(rule.Operand);
        }

        if (!present)
        {
            throw new AslRuntimeException(
                ErrorNames.Runtime,
                $"Invalid path '{rule.Variable}': The choice state's condition path references an invalid value.");
        }

        var name = op.ToString();
        if (name.StartsWith("Is", StringComparison.Ordinal))
        {
            var holds = op switch
            {
                ComparisonOperator.IsNull => JsonValues.Kind(value) == System.Text.Json.JsonValueKind.Null,
                ComparisonOperator.IsNumeric => JsonValues.TryGetNumber(value, out _),
                ComparisonOperator.IsString => JsonValues.TryGetString(value, out _),
                ComparisonOperator.IsBoolean => JsonValues.TryGetBoolean(value, out _),
                ComparisonOperator.IsTimestamp => JsonValues.TryGetString(value, out var s) && Timestamps.TryParse(s, out _),
                _ => false,
            };
            return holds == ExpectBoolean(rule.Operand);
        }

        var operand = rule.Operand;
        if (rule.OperandPath is { } operandPath && !Paths.TryResolve(operandPath, input, context, out operand))
        {
            throw new AslRuntimeException(
                ErrorNames.Runtime,
                $"Invalid path '{operandPath}': The choice state's condition path references an invalid value.");
        }

        if (op == ComparisonOperator.StringMatches)
        {
            return JsonValues.TryGetString(value, out var text) && JsonValues.TryGetString(operand, out var pattern) && WildcardMatches(pattern, text);
        }

        var baseName = name.EndsWith("Path", StringComparison.Ordinal) ? name[..^4] : name;
        if (baseName.StartsWith("String", StringComparison.Ordinal))
        {
            return JsonValues.TryGetString(value, out var l) && JsonValues.TryGetString(operand, out var r)
                && Holds(baseName["String".Length..], string.CompareOrdinal(l, r));
        }

        if (baseName.StartsWith("Numeric", StringComparison.Ordinal))
        {
            return JsonValues.TryGetNumber(value, out var l) && JsonValues.TryGetNumber(operand, out var r)
                && Holds(baseName["Numeric".Length..], l.CompareTo(r));
        }

        if (baseName.StartsWith("Boolean", StringComparison.Ordinal))
        {
            return JsonValues.TryGetBoolean(value, out var l) && JsonValues.TryGetBoolean(operand, out var r) && l == r;
        }

        return JsonValues.TryGetString(value, out var ls) && Timestamps.TryParse(ls, out var lt)
            && JsonValues.TryGetString(operand, out var rs) && Timestamps.TryParse(rs, out var rt)
            && Holds(baseName["Timestamp".Length..], lt.UtcDateTime.CompareTo(rt.UtcDateTime));
    }

    private static bool ExpectBoolean(JsonNode? operand) => JsonValues.TryGetBoolean(operand, out var b) && b;

    private static bool Holds(string relation, int comparison) => relation switch
    {
        "Equals" => comparison == 0,
        "LessThan" => comparison < 0,
        "GreaterThan" => comparison > 0,
        "LessThanEquals" => comparison <= 0,
        "GreaterThanEquals" => comparison >= 0,
        _ => false,
    };

    /// <summary>StringMatches: "*" matches any run of characters; "\*" is a literal star and "\\" a literal backslash.</summary>
    internal static bool WildcardMatches(string pattern, string text)
    {
        var regex = new System.Text.StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length && pattern[i + 1] is '*' or '\\')
            {
                regex.Append(Regex.Escape(pattern[++i].ToString()));
            }
            else if (c == '*')
            {
                regex.Append(".*");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        regex.Append('$');
        // NonBacktracking: a pattern of many stars must not backtrack exponentially on long inputs.
        return Regex.IsMatch(text, regex.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }
}
