using System.Text.Json.Nodes;
using SmsOnboarding.Simulator.Tests.Infrastructure;

namespace SmsOnboarding.Simulator.Tests.Cli;

/// <summary>A simulated organisation through the AWS endpoints with the real aws CLI: member accounts reached only through STS.</summary>
public sealed class OrganizationCliTests
{
    private const string Member = "444455556666";
    private const string TargetArn = "arn:aws:iam::" + Member + ":role/sms-onboarding/sms-onboarding-target";

    // The member side as a team would deploy it: a role trusting the service account's roles, limited by ExternalId and the organisation.
    private const string Scenario = """
        {
          "name": "organisation",
          "seed": { "userPools": [ { "region": "us-east-1", "poolName": "service-account-pool", "id": "us-east-1_Service01" } ] },
          "organization": {
            "id": "o-a1b2c3d4e5",
            "accounts": [ {
              "accountId": "444455556666",
              "name": "payments",
              "scenario": {
                "name": "payments",
                "supportPlan": "Basic",
                "seed": {
                  "userPools": [ { "region": "us-east-1", "poolName": "payments-pool", "id": "us-east-1_Payments1" } ],
                  "roles": [ {
                    "roleName": "sms-onboarding-target",
                    "path": "/sms-onboarding/",
                    "assumeRolePolicyDocument": { "Version": "2012-10-17", "Statement": [ {
                      "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:root" }, "Action": "sts:AssumeRole",
                      "Condition": { "StringEquals": { "sts:ExternalId": "org-ext-1", "aws:PrincipalOrgID": "o-a1b2c3d4e5" } } } ] },
                    "inlinePolicies": { "pools": { "Version": "2012-10-17", "Statement": [
                      { "Effect": "Allow", "Action": ["cognito-idp:DescribeUserPool", "sns:GetSMSSandboxAccountStatus", "sns:ListTopics"], "Resource": "*" } ] } }
                  } ]
                }
              }
            } ]
          }
        }
        """;

    /// <summary>An aws CLI command run with the member session's temporary credentials.</summary>
    private delegate Task<CliResult> AsMember(params string[] args);

    [Fact]
    public async Task Assume_role_into_a_member_works_with_the_external_id_and_its_credentials_see_the_members_pools()
    {
        await using var sim = await TestSimulator.StartAsync(Scenario);

        (await sim.Cli.RunAsync("sts", "assume-role", "--role-arn", TargetArn, "--role-session-name", "onb-1")).FailedWith("AccessDenied");
        (await sim.Cli.RunAsync("sts", "assume-role", "--role-arn", TargetArn, "--role-session-name", "onb-1", "--external-id", "other")).FailedWith("AccessDenied");
        var member = await AssumeAsync(sim, null);

        var identity = (await member("sts", "get-caller-identity")).Succeeded().Json;
        Assert.Equal(Member, identity["Account"]!.GetValue<string>());
        Assert.Equal($"arn:aws:sts::{Member}:assumed-role/sms-onboarding-target/onb-1", identity["Arn"]!.GetValue<string>());
        var pool = (await member("cognito-idp", "describe-user-pool", "--user-pool-id", "us-east-1_Payments1")).Succeeded().Json["UserPool"]!;
        Assert.Equal("payments-pool", pool["Name"]!.GetValue<string>());
        Assert.Equal($"arn:aws:cognito-idp:us-east-1:{Member}:userpool/us-east-1_Payments1", pool["Arn"]!.GetValue<string>());
        (await member("cognito-idp", "describe-user-pool", "--user-pool-id", "us-east-1_Service01")).FailedWith("ResourceNotFoundException");
        (await sim.Cli.RunAsync("cognito-idp", "describe-user-pool", "--user-pool-id", "us-east-1_Payments1")).FailedWith("ResourceNotFoundException");
        // The member's own SMS sandbox, not the service account's.
        Assert.True((await member("sns", "get-sms-sandbox-account-status")).Succeeded().Json["IsInSandbox"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_session_policy_narrows_the_member_session_to_what_both_allow()
    {
        await using var sim = await TestSimulator.StartAsync(Scenario);
        var narrowed = await AssumeAsync(sim, """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"cognito-idp:DescribeUserPool","Resource":"*"}]}""");

        (await narrowed("cognito-idp", "describe-user-pool", "--user-pool-id", "us-east-1_Payments1")).Succeeded();
        var refused = (await narrowed("sns", "list-topics")).FailedWith("AuthorizationError");
        Assert.Contains("because no session policy allows the sns:ListTopics action", refused.Stderr, StringComparison.Ordinal);
        // A session policy never grants what the role does not.
        var wide = await AssumeAsync(sim, """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""");
        (await wide("iam", "list-roles")).FailedWith("AccessDenied");
        (await sim.Cli.RunAsync("sts", "assume-role", "--role-arn", TargetArn, "--role-session-name", "onb-1", "--external-id", "org-ext-1",
            "--policy", """{"Statement":[]}""")).FailedWith("MalformedPolicyDocument");
    }

    [Fact]
    public async Task A_member_role_trusting_another_organisation_refuses_the_service_account()
    {
        await using var sim = await TestSimulator.StartAsync(Scenario.Replace("\"aws:PrincipalOrgID\": \"o-a1b2c3d4e5\"", "\"aws:PrincipalOrgID\": \"o-zzzzzzzzzz\"", StringComparison.Ordinal));

        (await sim.Cli.RunAsync("sts", "assume-role", "--role-arn", TargetArn, "--role-session-name", "onb-1", "--external-id", "org-ext-1")).FailedWith("AccessDenied");
        (await sim.Cli.RunAsync("sts", "assume-role", "--role-arn", "arn:aws:iam::999988887777:role/sms-onboarding/sms-onboarding-target",
            "--role-session-name", "onb-1", "--external-id", "org-ext-1")).FailedWith("AccessDenied");
    }

    private static async Task<AsMember> AssumeAsync(TestSimulator sim, string? sessionPolicy)
    {
        string[] args = ["sts", "assume-role", "--role-arn", TargetArn, "--role-session-name", "onb-1", "--external-id", "org-ext-1"];
        var credentials = (await sim.Cli.RunAsync([.. args, .. sessionPolicy is null ? Array.Empty<string>() : ["--policy", sessionPolicy]]))
            .Succeeded().Json["Credentials"]!;
        return command => sim.Cli.RunWithCredentialsAsync(Text(credentials, "AccessKeyId"), Text(credentials, "SecretAccessKey"),
            Text(credentials, "SessionToken"), "us-east-1", command);
    }

    private static string Text(JsonNode node, string name) => node[name]!.GetValue<string>();
}
