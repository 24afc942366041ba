namespace SmsOnboarding.Simulator.Iam.Policies;

/// <summary>
/// The condition operators the simulated account evaluates, with IAM's documented semantics ("IAM JSON policy
/// elements: Condition operators", "Single-valued vs. multivalued context keys"):
/// several values for one key are ORed; a key missing from the request makes the condition false, except for
/// negated operators (StringNotEquals, StringNotLike, ArnNotEquals, ArnNotLike: true), <c>...IfExists</c>
/// (true), <c>ForAllValues:</c> (true) and <c>Null</c>.
/// </summary>
public static class ConditionOperators
{
    private const string IfExists = "IfExists";
    private const string ForAnyValue = "ForAnyValue:";
    private const string ForAllValues = "ForAllValues:";

    private static readonly HashSet<string> Positive = new(StringComparer.Ordinal)
    {
        "StringEquals", "StringEqualsIgnoreCase", "StringLike", "ArnEquals", "ArnLike", "Bool",
    };

    private static readonly Dictionary<string, string> Negated = new(StringComparer.Ordinal)
    {
        ["StringNotEquals"] = "StringEquals",
        ["StringNotEqualsIgnoreCase"] = "StringEqualsIgnoreCase",
        ["StringNotLike"] = "StringLike",
        ["ArnNotEquals"] = "ArnEquals",
        ["ArnNotLike"] = "ArnLike",
    };

    public static bool IsKnown(string op)
    {
        var (_, baseOp, _) = Split(op);
        return baseOp == "Null" ? op == "Null" : Positive.Contains(baseOp) || Negated.ContainsKey(baseOp);
    }

    /// <summary>Whether one condition holds for the request's context (keys are case-insensitive, as in IAM).</summary>
    public static bool Holds(Condition condition, IReadOnlyDictionary<string, IReadOnlyList<string>> context)
    {
        var present = context.TryGetValue(condition.Key, out var found) && found.Count > 0 ? found : null;
        if (condition.Operator == "Null")
        {
            // "true": the key must be absent; "false": it must be present.
            return condition.Values.Any(v => string.Equals(v, "true", StringComparison.OrdinalIgnoreCase) == (present is null));
        }
        var (set, baseOp, ifExists) = Split(condition.Operator);
        var negated = Negated.TryGetValue(baseOp, out var positive);
        if (present is null)
        {
            return ifExists || negated || set == ForAllValues;
        }
        var op = negated ? positive! : baseOp;
        bool Matches(string value) => condition.Values.Any(expected => Match(op, expected, value));
        return (set, negated) switch
        {
            (ForAllValues, false) => present.All(Matches),
            (ForAllValues, true) => present.All(v => !Matches(v)),
            (ForAnyValue, true) => present.Any(v => !Matches(v)),
            (_, false) => present.Any(Matches),
            (_, true) => !present.Any(Matches),
        };
    }

    private static bool Match(string op, string expected, string actual) => op switch
    {
        "StringEquals" => string.Equals(expected, actual, StringComparison.Ordinal),
        "StringEqualsIgnoreCase" => string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase),
        "StringLike" => Wildcards.Match(expected, actual),
        "ArnEquals" or "ArnLike" => Wildcards.MatchArn(expected, actual),
        "Bool" => string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private static (string? Set, string BaseOp, bool IfExists) Split(string op)
    {
        string? set = null;
        if (op.StartsWith(ForAnyValue, StringComparison.Ordinal))
        {
            set = ForAnyValue;
        }
        else if (op.StartsWith(ForAllValues, StringComparison.Ordinal))
        {
            set = ForAllValues;
        }
        var rest = set is null ? op : op[set.Length..];
        var ifExists = rest.EndsWith(IfExists, StringComparison.Ordinal) && rest.Length > IfExists.Length;
        return (set, ifExists ? rest[..^IfExists.Length] : rest, ifExists);
    }
}
