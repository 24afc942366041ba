using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using SmsOnboarding.Steps;
using SmsOnboarding.Steps.Storage.DynamoDb;

namespace SmsOnboarding.Infra.Workflow;

/// <summary>
/// Turns a step descriptor's grants into IAM statements. The grants name the logical tables the local engine uses;
/// in AWS they are key prefixes of one table, so a table grant becomes the real table with a
/// <c>dynamodb:LeadingKeys</c> condition that keeps each function inside its own items.
/// </summary>
public static class StepPolicies
{
    private const string TablePrefix = "arn:{partition}:dynamodb:{region}:{account}:table/";

    /// <summary>Catalog table names → the partition-key pattern they occupy in the single table.</summary>
    public static IReadOnlyDictionary<string, string> LogicalTables { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["sms-onboarding-idempotency"] = OnboardingTableSchema.IdempotencyKeyPattern,
        ["sms-onboarding-human-tasks"] = OnboardingTableSchema.HumanTaskKeyPattern,
    };

    public static IReadOnlyList<PolicyStatement> For(StepDescriptor step, ITable table)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(table);
        var statements = new List<PolicyStatement>();
        foreach (var grant in step.Permissions)
        {
            var plain = grant.Resources.Where(r => !r.StartsWith(TablePrefix, StringComparison.Ordinal)).ToList();
            if (plain.Count > 0)
            {
                statements.Add(Allow(grant with { Resources = plain }));
            }

            foreach (var pattern in grant.Resources.Where(r => r.StartsWith(TablePrefix, StringComparison.Ordinal)).Select(r => KeyPattern(step, r)).Distinct())
            {
                var conditions = Conditions(grant);
                conditions["ForAllValues:StringLike"] = new Dictionary<string, object> { ["dynamodb:LeadingKeys"] = new[] { pattern } };
                statements.Add(Statement(grant.Actions, [table.TableArn, table.TableArn + "/index/*"], conditions));
            }
        }

        return statements;
    }

    /// <summary>
    /// One grant as it stands, tokens resolved for the account and Region the statement is deployed in: how the member
    /// stack's target role holds the grants that act on a team's account (no tables there).
    /// </summary>
    public static PolicyStatement Allow(IamGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return Statement(grant.Actions, grant.Resources.Select(Resolve), Conditions(grant));
    }

    public static string Resolve(string value) =>
        value.Replace("{partition}", Amazon.CDK.Aws.PARTITION, StringComparison.Ordinal)
             .Replace("{region}", Amazon.CDK.Aws.REGION, StringComparison.Ordinal)
             .Replace("{account}", Amazon.CDK.Aws.ACCOUNT_ID, StringComparison.Ordinal);

    private static string KeyPattern(StepDescriptor step, string resource)
    {
        var name = resource[TablePrefix.Length..].Split('/')[0];
        return LogicalTables.TryGetValue(name, out var pattern)
            ? pattern
            : throw new InvalidOperationException(
                $"Step {step.Name} is granted DynamoDB table '{name}', which the stack does not know; known: {string.Join(", ", LogicalTables.Keys)}.");
    }

    private static Dictionary<string, object> Conditions(IamGrant grant)
    {
        var conditions = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (op, pairs) in grant.Conditions ?? new Dictionary<string, IReadOnlyDictionary<string, string>>())
        {
            conditions[op] = pairs.ToDictionary(p => p.Key, p => (object)Resolve(p.Value), StringComparer.Ordinal);
        }

        return conditions;
    }

    private static PolicyStatement Statement(IEnumerable<string> actions, IEnumerable<string> resources, Dictionary<string, object> conditions)
    {
        var props = new PolicyStatementProps
        {
            Effect = Effect.ALLOW,
            Actions = actions.ToArray(),
            Resources = resources.ToArray(),
        };
        if (conditions.Count > 0)
        {
            props.Conditions = conditions;
        }

        return new PolicyStatement(props);
    }
}
