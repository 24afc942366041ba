using System.Text.Json.Nodes;
using Amazon.Runtime;
using SmsOnboarding.Aws.IdentityManagement.Model;
using SmsOnboarding.Aws.SecurityToken.Model;
using SmsOnboarding.Simulator;
using SmsOnboarding.Steps.Aws;

namespace SmsOnboarding.Steps.Tests.Support;

/// <summary>
/// A role in the simulated account whose policy is exactly a step's grants, and clients acting as a session of it,
/// so the simulator's IAM judges every call the step makes the way AWS judges its Lambda role.
/// </summary>
internal static class StepRole
{
    public static async Task<AwsClientFactory> AssumeAsync(SimulatedAws aws, string name, IEnumerable<IamGrant> grants)
    {
        var trust = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(new JsonObject
            {
                ["Effect"] = "Allow",
                ["Principal"] = new JsonObject { ["AWS"] = SimulatorCredentials.UserArn },
                ["Action"] = "sts:AssumeRole",
            }),
        };
        var role = await aws.Clients.Iam().CreateRoleAsync(new CreateRoleRequest { RoleName = name, AssumeRolePolicyDocument = trust.ToJsonString() });
        await aws.Clients.Iam().PutRolePolicyAsync(new PutRolePolicyRequest { RoleName = name, PolicyName = "grants", PolicyDocument = Policy(grants).ToJsonString() });
        var session = await aws.Clients.Sts("us-east-1").AssumeRoleAsync(new AssumeRoleRequest { RoleArn = role.Role!.Arn, RoleSessionName = name });
        var credentials = new ImmutableCredentials(session.Credentials!.AccessKeyId, session.Credentials.SecretAccessKey, session.Credentials.SessionToken);
        return new AwsClientFactory(region => aws.ClientConfig(region) with { Credentials = credentials });
    }

    private static JsonObject Policy(IEnumerable<IamGrant> grants) => new()
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray([.. grants.Select(g =>
        {
            var statement = new JsonObject
            {
                ["Effect"] = "Allow",
                ["Action"] = new JsonArray([.. g.Actions.Select(a => (JsonNode)a)]),
                ["Resource"] = new JsonArray([.. g.Resources.Select(r => (JsonNode)r.Replace("{partition}", "aws", StringComparison.Ordinal)
                    .Replace("{region}", "*", StringComparison.Ordinal).Replace("{account}", SimulatorCredentials.AccountId, StringComparison.Ordinal))]),
            };
            if (g.Conditions is { } conditions)
            {
                statement["Condition"] = new JsonObject(conditions.Select(c => KeyValuePair.Create(c.Key,
                    (JsonNode?)new JsonObject(c.Value.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))))));
            }
            return (JsonNode)statement;
        })]),
    };
}
