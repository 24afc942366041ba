using System.Text.Json.Nodes;

namespace SmsOnboarding.Asl;

internal sealed partial class DefinitionParser
{
    private static readonly Dictionary<string, ComparisonOperator> Operators =
        Enum.GetValues<ComparisonOperator>().ToDictionary(o => o.ToString(), o => o, StringComparer.Ordinal);

    private ChoiceRule? ParseChoiceRule(JsonNode? node, string pointer, string stateName, bool topLevel)
    {
        if (node is not JsonObject rule)
        {
            Problem(pointer, stateName, "SCHEMA_VALIDATION_FAILED", "A choice rule must be a JSON object");
            return null;
        }

        var next = OptionalString(rule, "Next", pointer, stateName);
        if (topLevel && !rule.ContainsKey("Next"))
        {
            Problem(pointer, stateName, "SCHEMA_VALIDATION_FAILED", "These fields are required: [Next]");
        }
        else if (!topLevel && rule.ContainsKey("Next"))
        {
            Problem(pointer + "/Next", stateName, "SCHEMA_VALIDATION_FAILED", "Nested choice rules cannot have 'Next'");
        }

        var operators = new List<string>();
        foreach (var (key, _) in rule)
        {
            if (key is "And" or "Or" or "Not" || Operators.ContainsKey(key))
            {
                operators.Add(key);
            }
            else if (key is not ("Next" or "Comment" or "Variable"))
            {
                Problem(pointer, stateName, "SCHEMA_VALIDATION_FAILED", $"The field '{key}' is not supported by Step Functions in a choice rule");
            }
        }

        if (operators.Count != 1)
        {
            Problem(pointer, stateName, "SCHEMA_VALIDATION_FAILED",
                operators.Count == 0 ? "A choice rule requires a comparison operator or And/Or/Not" : $"A choice rule must have exactly one operator, found [{string.Join(", ", operators)}]");
            return null;
        }

        var op = operators[0];
        ChoiceRule? parsed = op switch
        {
            "And" or "Or" => ParseCombination(rule, op, pointer, stateName),
            "Not" => ParseChoiceRule(rule["Not"], pointer + "/Not", stateName, topLevel: false) is { } inner ? new NotRule(inner) : null,
            _ => ParseComparison(rule, Operators[op], pointer, stateName),
        };
        if (op is "And" or "Or" or "Not" && rule.ContainsKey("Variable"))
        {
            Problem(pointer + "/Variable", stateName, "SCHEMA_VALIDATION_FAILED", $"'{op}' rules cannot have 'Variable'");
        }

        return parsed is null ? null : WithNext(parsed, next);
    }

    private static ChoiceRule WithNext(ChoiceRule rule, string? next) => rule switch
    {
        AndRule a => new AndRule(a.Rules) { Next = next },
        OrRule o => new OrRule(o.Rules) { Next = next },
        NotRule n => new NotRule(n.Rule) { Next = next },
        ComparisonRule c => new ComparisonRule(c.Variable, c.Operator, c.Operand, c.OperandPath) { Next = next },
        _ => rule,
    };

    private ChoiceRule? ParseCombination(JsonObject rule, string op, string pointer, string stateName)
    {
        if (rule[op] is not JsonArray { Count: > 0 } array)
        {
            Problem(pointer + "/" + op, stateName, "SCHEMA_VALIDATION_FAILED", $"The value for the field '{op}' must be a non-empty ARRAY of choice rules");
            return null;
        }

        var rules = new List<ChoiceRule>();
        var ok = true;
        for (var i = 0; i < array.Count; i++)
        {
            if (ParseChoiceRule(array[i], pointer + "/" + op + "/" + i, stateName, topLevel: false) is { } inner)
            {
                rules.Add(inner);
            }
            else
            {
                ok = false;
            }
        }

        return !ok ? null : op == "And" ? new AndRule(rules) : new OrRule(rules);
    }

    private ComparisonRule? ParseComparison(JsonObject rule, ComparisonOperator op, string pointer, string stateName)
    {
        var name = op.ToString();
        var variable = OptionalString(rule, "Variable", pointer, stateName);
        if (!rule.ContainsKey("Variable"))
        {
            Problem(pointer, stateName, "SCHEMA_VALIDATION_FAILED", "These fields are required: [Variable]");
            return null;
        }

        if (variable is null)
        {
            return null;
        }

        // AWS: "The values of Variable and path fields in a comparison must be valid reference paths."
        if (!JsonPath.IsValidReferencePath(variable))
        {
            Problem(pointer + "/Variable", stateName, "SCHEMA_VALIDATION_FAILED", "The value for the field 'Variable' must be a valid ReferencePath");
            return null;
        }

        var operand = rule[name];
        var operandPointer = pointer + "/" + name;
        var isPathForm = name.EndsWith("Path", StringComparison.Ordinal);
        if (isPathForm)
        {
            if (!JsonValues.TryGetString(operand, out var path) || !JsonPath.IsValidReferencePath(path))
            {
                Problem(operandPointer, stateName, "SCHEMA_VALIDATION_FAILED", $"The value for the field '{name}' must be a valid ReferencePath");
                return null;
            }

            return new ComparisonRule(variable, op, null, path);
        }

        var valid = name switch
        {
            _ when name.StartsWith("Is", StringComparison.Ordinal) => JsonValues.TryGetBoolean(operand, out _),
            _ when name.StartsWith("String", StringComparison.Ordinal) => JsonValues.TryGetString(operand, out _),
            _ when name.StartsWith("Numeric", StringComparison.Ordinal) => JsonValues.TryGetNumber(operand, out _),
            _ when name.StartsWith("Boolean", StringComparison.Ordinal) => JsonValues.TryGetBoolean(operand, out _),
            _ => JsonValues.TryGetString(operand, out var t) && Timestamps.TryParse(t, out _),
        };
        if (!valid)
        {
            var expected = name switch
            {
                _ when name.StartsWith("Is", StringComparison.Ordinal) || name.StartsWith("Boolean", StringComparison.Ordinal) => "a BOOLEAN",
                _ when name.StartsWith("String", StringComparison.Ordinal) => "a STRING",
                _ when name.StartsWith("Numeric", StringComparison.Ordinal) => "a NUMBER",
                _ => "an RFC3339 timestamp STRING",
            };
            Problem(operandPointer, stateName, "SCHEMA_VALIDATION_FAILED", $"The value for the field '{name}' must be {expected}");
            return null;
        }

        return new ComparisonRule(variable, op, operand?.DeepClone(), null);
    }

    private void CheckTransitions(JsonObject statesObj, string pointer)
    {
        foreach (var (name, node) in statesObj)
        {
            if (node is not JsonObject obj)
            {
                continue;
            }

            var statePointer = pointer + "/States/" + Escape(name);
            foreach (var (target, targetPointer) in Transitions(obj, statePointer))
            {
                if (!statesObj.ContainsKey(target))
                {
                    Problem(targetPointer, name, "MISSING_TRANSITION_TARGET", $"Missing 'Next' target: {target}");
                }
            }
        }

    }

    private static IEnumerable<(string Target, string Pointer)> Transitions(JsonObject obj, string statePointer)
    {
        if (JsonValues.TryGetString(obj["Next"], out var next))
        {
            yield return (next, statePointer + "/Next");
        }

        if (JsonValues.TryGetString(obj["Default"], out var fallback))
        {
            yield return (fallback, statePointer + "/Default");
        }

        if (obj["Choices"] is JsonArray choices)
        {
            for (var i = 0; i < choices.Count; i++)
            {
                if (choices[i] is JsonObject rule && JsonValues.TryGetString(rule["Next"], out var ruleNext))
                {
                    yield return (ruleNext, statePointer + "/Choices/" + i + "/Next");
                }
            }
        }

        if (obj["Catch"] is JsonArray catchers)
        {
            for (var i = 0; i < catchers.Count; i++)
            {
                if (catchers[i] is JsonObject catcher && JsonValues.TryGetString(catcher["Next"], out var catchNext))
                {
                    yield return (catchNext, statePointer + "/Catch/" + i + "/Next");
                }
            }
        }
    }

    private void CheckReachability(string startAt, JsonObject statesObj, string pointer)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal) { startAt };
        var pending = new Queue<string>([startAt]);
        while (pending.Count > 0)
        {
            var name = pending.Dequeue();
            if (statesObj[name] is not JsonObject obj)
            {
                continue;
            }

            foreach (var (target, _) in Transitions(obj, ""))
            {
                if (statesObj.ContainsKey(target) && reached.Add(target))
                {
                    pending.Enqueue(target);
                }
            }
        }

        foreach (var (name, _) in statesObj)
        {
            if (!reached.Contains(name))
            {
                Problem(pointer + "/States/" + Escape(name), name, "UNREACHABLE_STATE", $"State '{name}' is not reachable");
            }
        }

    }
}
