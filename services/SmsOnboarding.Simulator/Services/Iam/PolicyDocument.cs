using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SmsOnboarding.Simulator.Services.Iam;

/// <summary>
/// Just enough of IAM policy evaluation to decide what AWS decides for Cognito's SMS role: does a trust
/// policy let a service assume the role under a request context, and does a permissions policy allow an action.
/// Explicit Deny wins; an unknown condition operator never matches (fails closed, as an unsatisfied condition).
/// </summary>
internal static class PolicyDocument
{
    public static JsonObject Parse(string document)
    {
        try
        {
            return JsonNode.Parse(document) as JsonObject ?? throw new FormatException("not an object");
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new Protocol.AwsServiceException("MalformedPolicyDocument", "This policy contains invalid Json");
        }
    }

    public static void Validate(string document)
    {
        var policy = Parse(document);
        var statements = Statements(policy).ToList();
        if (statements.Count == 0)
        {
            throw new Protocol.AwsServiceException("MalformedPolicyDocument", "Syntax errors in policy. The policy must contain a Statement.");
        }
        foreach (var statement in statements)
        {
            if (Text(statement["Effect"]) is not ("Allow" or "Deny"))
            {
                throw new Protocol.AwsServiceException("MalformedPolicyDocument", "Syntax errors in policy. Effect must be Allow or Deny.");
            }
            if (statement["Action"] is null && statement["NotAction"] is null)
            {
                throw new Protocol.AwsServiceException("MalformedPolicyDocument", "Syntax errors in policy. Each statement needs an Action.");
            }
        }
    }

    /// <summary>Trust policy evaluation for <c>sts:AssumeRole</c> by a service principal.</summary>
    public static bool AllowsAssumeRole(string document, string servicePrincipal, IReadOnlyDictionary<string, string> context) =>
        Decide(Parse(document), "sts:AssumeRole", statement => PrincipalMatches(statement, servicePrincipal), context);

    /// <summary>Identity policy evaluation for an action on any resource.</summary>
    public static bool Allows(IEnumerable<string> documents, string action)
    {
        var allowed = false;
        foreach (var document in documents)
        {
            var policy = Parse(document);
            foreach (var statement in Statements(policy))
            {
                if (!ActionMatches(statement, action) || statement["Condition"] is not null)
                {
                    continue;
                }
                if (Text(statement["Effect"]) == "Deny")
                {
                    return false;
                }
                allowed = true;
            }
        }
        return allowed;
    }

    private static bool Decide(JsonObject policy, string action, Func<JsonObject, bool> principal, IReadOnlyDictionary<string, string> context)
    {
        var allowed = false;
        foreach (var statement in Statements(policy))
        {
            if (!ActionMatches(statement, action) || !principal(statement) || !ConditionsHold(statement["Condition"] as JsonObject, context))
            {
                continue;
            }
            if (Text(statement["Effect"]) == "Deny")
            {
                return false;
            }
            allowed = true;
        }
        return allowed;
    }

    private static IEnumerable<JsonObject> Statements(JsonObject policy) => policy["Statement"] switch
    {
        JsonObject single => [single],
        JsonArray many => many.OfType<JsonObject>(),
        _ => [],
    };

    private static bool ActionMatches(JsonObject statement, string action)
    {
        if (statement["Action"] is { } actions)
        {
            return Values(actions).Any(pattern => Wildcard(pattern, action, ignoreCase: true));
        }
        return statement["NotAction"] is { } notActions && !Values(notActions).Any(pattern => Wildcard(pattern, action, ignoreCase: true));
    }

    private static bool PrincipalMatches(JsonObject statement, string servicePrincipal) => statement["Principal"] switch
    {
        JsonValue star => Text(star) == "*",
        JsonObject principals => principals["Service"] is { } services && Values(services).Contains(servicePrincipal, StringComparer.Ordinal),
        _ => false,
    };

    private static bool ConditionsHold(JsonObject? conditions, IReadOnlyDictionary<string, string> context)
    {
        foreach (var (op, block) in conditions ?? [])
        {
            if (block is not JsonObject keys)
            {
                return false;
            }
            foreach (var (key, expected) in keys)
            {
                var present = context.FirstOrDefault(c => string.Equals(c.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
                var patterns = expected is null ? [] : Values(expected).ToList();
                var ifExists = op.EndsWith("IfExists", StringComparison.Ordinal);
                var baseOp = ifExists ? op[..^"IfExists".Length] : op;
                if (present is null)
                {
                    if (ifExists)
                    {
                        continue;
                    }
                    return false;
                }
                var holds = baseOp switch
                {
                    "StringEquals" or "ArnEquals" => patterns.Contains(present, StringComparer.Ordinal),
                    "StringEqualsIgnoreCase" => patterns.Contains(present, StringComparer.OrdinalIgnoreCase),
                    "StringLike" or "ArnLike" => patterns.Any(p => Wildcard(p, present, ignoreCase: false)),
                    "StringNotEquals" => !patterns.Contains(present, StringComparer.Ordinal),
                    _ => false,
                };
                if (!holds)
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static IEnumerable<string> Values(JsonNode node) => node switch
    {
        JsonArray array => array.Select(Text).OfType<string>(),
        _ => Text(node) is { } single ? [single] : [],
    };

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static bool Wildcard(string pattern, string value, bool ignoreCase)
    {
        var regex = "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$";
        return Regex.IsMatch(value, regex, (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
