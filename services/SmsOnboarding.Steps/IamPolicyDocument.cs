using System.Text.Json.Nodes;

namespace SmsOnboarding.Steps;

/// <summary>Grants as an IAM policy document, with the catalog's tokens resolved by the caller (one account, one Region).</summary>
public static class IamPolicyDocument
{
    public static string Json(IEnumerable<IamGrant> grants, Func<string, string> resolve)
    {
        ArgumentNullException.ThrowIfNull(grants);
        ArgumentNullException.ThrowIfNull(resolve);
        var statements = new JsonArray();
        foreach (var grant in grants)
        {
            var statement = new JsonObject
            {
                ["Effect"] = "Allow",
                ["Action"] = new JsonArray([.. grant.Actions.Select(a => (JsonNode)a)]),
                ["Resource"] = new JsonArray([.. grant.Resources.Select(r => (JsonNode)resolve(r))]),
            };
            if (grant.Conditions is { Count: > 0 } conditions)
            {
                var condition = new JsonObject();
                foreach (var (op, pairs) in conditions)
                {
                    var keys = new JsonObject();
                    foreach (var (key, value) in pairs)
                    {
                        keys[key] = resolve(value);
                    }
                    condition[op] = keys;
                }
                statement["Condition"] = condition;
            }
            statements.Add(statement);
        }
        return new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = statements }.ToJsonString();
    }

    /// <summary>The catalog tokens for one account: {partition}, {region} and {account}.</summary>
    public static Func<string, string> Tokens(string partition, string region, string accountId) => value =>
        value.Replace("{partition}", partition, StringComparison.Ordinal)
             .Replace("{region}", region, StringComparison.Ordinal)
             .Replace("{account}", accountId, StringComparison.Ordinal);
}
