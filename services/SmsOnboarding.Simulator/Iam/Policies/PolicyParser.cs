using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmsOnboarding.Simulator.Iam.Policies;

/// <summary>
/// Reads the IAM JSON policy grammar ("IAM JSON policy element reference"): Version, Statement (one object or a
/// list), Sid, Effect, Principal/NotPrincipal, Action/NotAction, Resource/NotResource, Condition. Anything the
/// evaluator could not judge (an unknown condition operator, a policy variable) is refused here instead of
/// being silently evaluated wrong.
/// </summary>
public static class PolicyParser
{
    private static readonly HashSet<string> Versions = new(StringComparer.Ordinal) { "2012-10-17", "2008-10-17" };

    public static Policy Parse(string json, PolicyKind kind)
    {
        JsonObject document;
        try
        {
            document = JsonNode.Parse(json) as JsonObject ?? throw new PolicyFormatException("This policy contains invalid Json");
        }
        catch (JsonException)
        {
            throw new PolicyFormatException("This policy contains invalid Json");
        }
        if (document["Version"] is { } version && (Text(version) is not { } v || !Versions.Contains(v)))
        {
            throw new PolicyFormatException("The policy must contain a valid version string");
        }
        var raw = document["Statement"] switch
        {
            JsonObject single => [single],
            JsonArray many when many.Count > 0 && many.All(s => s is JsonObject) => many.Cast<JsonObject>().ToList(),
            _ => throw new PolicyFormatException("Syntax errors in policy."),
        };
        return new Policy([.. raw.Select(s => ParseStatement(s, kind))]);
    }

    private static Statement ParseStatement(JsonObject statement, PolicyKind kind)
    {
        var effect = Text(statement["Effect"]) switch
        {
            "Allow" => Effect.Allow,
            "Deny" => Effect.Deny,
            _ => throw new PolicyFormatException("Syntax errors in policy."),
        };
        var (actions, notAction) = OneOf(statement, "Action", "NotAction")
            ?? throw new PolicyFormatException("Policy statement must contain actions.");
        var resources = OneOf(statement, "Resource", "NotResource");
        var principals = PrincipalsOf(statement);
        if (kind == PolicyKind.Identity)
        {
            if (principals is not null)
            {
                throw new PolicyFormatException("Policy document should not specify a principal.");
            }
            if (resources is null)
            {
                throw new PolicyFormatException("Policy statement must contain resources.");
            }
        }
        else
        {
            if (resources is not null)
            {
                throw new PolicyFormatException("Has prohibited field Resource");
            }
            if (principals is null)
            {
                throw new PolicyFormatException("AssumeRolepolicy contained an invalid principal");
            }
        }
        foreach (var action in actions)
        {
            if (action != "*" && !action.Contains(':', StringComparison.Ordinal))
            {
                throw new PolicyFormatException($"Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
            }
        }
        return new Statement(Text(statement["Sid"]), effect, actions, notAction, resources?.Values, resources?.Not ?? false,
            principals?.Values, principals?.Not ?? false, ConditionsOf(statement["Condition"]));
    }

    private static (IReadOnlyList<string> Values, bool Not)? OneOf(JsonObject statement, string name, string notName)
    {
        var (value, not) = (statement[name], statement[notName]);
        if (value is not null && not is not null)
        {
            throw new PolicyFormatException($"Statement can not contain both {name} and {notName}.");
        }
        return value is not null ? (Strings(value, name), false)
            : not is not null ? (Strings(not, notName), true)
            : null;
    }

    private static (IReadOnlyList<PrincipalRef> Values, bool Not)? PrincipalsOf(JsonObject statement)
    {
        var (principal, notPrincipal) = (statement["Principal"], statement["NotPrincipal"]);
        if (principal is not null && notPrincipal is not null)
        {
            throw new PolicyFormatException("Statement can not contain both Principal and NotPrincipal.");
        }
        var node = principal ?? notPrincipal;
        if (node is null)
        {
            return null;
        }
        IReadOnlyList<PrincipalRef> values = node switch
        {
            JsonValue star when Text(star) == "*" => [new PrincipalRef("*", "*")],
            JsonObject map when map.Count > 0 => [.. map.SelectMany(entry => Strings(entry.Value, "Principal").Select(v => new PrincipalRef(entry.Key, v)))],
            _ => throw new PolicyFormatException("Invalid principal in policy"),
        };
        return (values, notPrincipal is not null);
    }

    private static IReadOnlyList<Condition> ConditionsOf(JsonNode? node)
    {
        if (node is null)
        {
            return [];
        }
        if (node is not JsonObject operators)
        {
            throw new PolicyFormatException("Syntax errors in policy.");
        }
        var conditions = new List<Condition>();
        foreach (var (op, block) in operators)
        {
            if (!ConditionOperators.IsKnown(op))
            {
                throw new PolicyFormatException($"Invalid Condition type : {op} (or one the simulated account does not evaluate).");
            }
            if (block is not JsonObject keys || keys.Count == 0)
            {
                throw new PolicyFormatException("Syntax errors in policy.");
            }
            foreach (var (key, values) in keys)
            {
                conditions.Add(new Condition(op, key, Strings(values, key)));
            }
        }
        return conditions;
    }

    /// <summary>A string or a list of strings; booleans and numbers count as their JSON text (IAM accepts <c>"Bool": {"k": true}</c>).</summary>
    private static IReadOnlyList<string> Strings(JsonNode? node, string element)
    {
        var values = node switch
        {
            JsonArray array => array.Select(Scalar).ToList(),
            _ => [Scalar(node)],
        };
        if (values.Count == 0 || values.Any(v => v is null))
        {
            throw new PolicyFormatException($"Syntax errors in policy: {element} must be a string or a list of strings.");
        }
        if (values.Any(v => v!.Contains("${", StringComparison.Ordinal)))
        {
            throw new PolicyFormatException($"Policy variables in {element} are not evaluated by the simulated account.");
        }
        return values!;
    }

    private static string? Scalar(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        }
        : null;

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
