using System.Text.Json.Nodes;
using SmsOnboarding.Simulator.Tests.Infrastructure;

namespace SmsOnboarding.Simulator.Tests.Cli;

/// <summary>IAM enforced through the AWS endpoints, driven by the real aws CLI: roles, STS sessions, refusals in each service's words.</summary>
public sealed class IamEnforcementCliTests
{
    private const string ExternalId = "ext-7f3a9c";

    /// <summary>An aws CLI command run with a role session's temporary credentials.</summary>
    private delegate Task<CliResult> AsSession(params string[] args);

    [Fact]
    public async Task Assumed_role_with_a_narrow_policy_is_refused_every_action_outside_it()
    {
        await using var sim = await TestSimulator.StartAsync();
        var session = await NarrowSessionAsync(sim, "narrow-lister", Policies.SnsList);

        (await session("sns", "list-topics")).Succeeded();
        var identity = (await session("sts", "get-caller-identity")).Succeeded().Json;
        Assert.Equal("arn:aws:sts::111122223333:assumed-role/narrow-lister/cli-test", identity["Arn"]!.GetValue<string>());

        var refused = (await session("sns", "create-topic", "--name", "not-allowed")).FailedWith("AuthorizationError");
        Assert.Contains("User: arn:aws:sts::111122223333:assumed-role/narrow-lister/cli-test is not authorized to perform: sns:CreateTopic on resource: arn:aws:sns:us-east-1:111122223333:not-allowed because no identity-based policy allows the sns:CreateTopic action",
            refused.Stderr, StringComparison.Ordinal);
        (await session("iam", "get-role", "--role-name", "narrow-lister")).FailedWith("AccessDenied");
        (await session("cognito-idp", "describe-user-pool", "--user-pool-id", "us-east-1_Missing1")).FailedWith("AccessDeniedException");
        (await session("support", "describe-services")).FailedWith("AccessDeniedException");
        (await session("pinpoint-sms-voice-v2", "describe-phone-numbers")).FailedWith("AccessDeniedException");
        (await session("service-quotas", "list-service-quotas", "--service-code", "sns")).FailedWith("AccessDeniedException");
        (await session("sts", "assume-role", "--role-arn", "arn:aws:iam::111122223333:role/narrow-lister", "--role-session-name", "again")).FailedWith("AccessDenied");
    }

    [Fact]
    public async Task Assume_role_is_refused_without_the_trust_policys_external_id()
    {
        await using var sim = await TestSimulator.StartAsync();
        await CreateRoleAsync(sim, "needs-external-id", Policies.SnsList);
        var arn = "arn:aws:iam::111122223333:role/needs-external-id";

        var missing = (await sim.Cli.RunAsync("sts", "assume-role", "--role-arn", arn, "--role-session-name", "s1")).FailedWith("AccessDenied");
        Assert.Contains("is not authorized to perform: sts:AssumeRole on resource: " + arn, missing.Stderr, StringComparison.Ordinal);
        (await sim.Cli.RunAsync("sts", "assume-role", "--role-arn", arn, "--role-session-name", "s1", "--external-id", "ext-wrong")).FailedWith("AccessDenied");
        (await sim.Cli.RunAsync("sts", "assume-role", "--role-arn", "arn:aws:iam::111122223333:role/no-such-role", "--role-session-name", "s1")).FailedWith("AccessDenied");
        (await sim.Cli.RunAsync("sts", "assume-role", "--role-arn", arn, "--role-session-name", "s1", "--external-id", ExternalId)).Succeeded();
    }

    [Fact]
    public async Task Permissions_boundary_caps_what_the_role_policy_grants()
    {
        await using var sim = await TestSimulator.StartAsync();
        var boundary = (await sim.Cli.RunAsync("iam", "create-policy", "--policy-name", "list-only-boundary", "--policy-document", Policies.SnsList))
            .Succeeded().Json["Policy"]!["Arn"]!.GetValue<string>();
        (await sim.Cli.RunAsync("iam", "create-role", "--role-name", "bounded", "--assume-role-policy-document", TrustAccount(),
            "--permissions-boundary", "arn:aws:iam::111122223333:policy/missing")).FailedWith("NoSuchEntity");
        (await sim.Cli.RunAsync("iam", "create-role", "--role-name", "bounded", "--assume-role-policy-document", TrustAccount(),
            "--permissions-boundary", boundary)).Succeeded();
        (await sim.Cli.RunAsync("iam", "put-role-policy", "--role-name", "bounded", "--policy-name", "all-sns", "--policy-document",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sns:*","Resource":"*"}]}""")).Succeeded();
        var role = (await sim.Cli.RunAsync("iam", "get-role", "--role-name", "bounded")).Succeeded().Json["Role"]!;
        Assert.Equal(boundary, role["PermissionsBoundary"]!["PermissionsBoundaryArn"]!.GetValue<string>());

        var session = await AssumeAsync(sim, "bounded");
        (await session("sns", "list-topics")).Succeeded();
        var refused = (await session("sns", "create-topic", "--name", "outside-boundary")).FailedWith("AuthorizationError");
        Assert.Contains("because no permissions boundary allows the sns:CreateTopic action", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_credentials_expire_on_the_accounts_clock_and_a_wrong_token_is_refused()
    {
        await using var sim = await TestSimulator.StartAsync();
        await CreateRoleAsync(sim, "short-lived", Policies.SnsList);
        var credentials = (await sim.Cli.RunAsync("sts", "assume-role", "--role-arn", "arn:aws:iam::111122223333:role/short-lived",
            "--role-session-name", "s1", "--external-id", ExternalId, "--duration-seconds", "900")).Succeeded().Json["Credentials"]!;
        var (key, secret, token) = (Text(credentials, "AccessKeyId"), Text(credentials, "SecretAccessKey"), Text(credentials, "SessionToken"));
        Assert.StartsWith("ASIA", key, StringComparison.Ordinal);

        (await sim.Cli.RunWithCredentialsAsync(key, secret, token + "x", "us-east-1", "sns", "list-topics")).FailedWith("InvalidClientTokenId");
        (await sim.Cli.RunWithKeysAsync(key, secret, "us-east-1", "sns", "list-topics")).FailedWith("InvalidClientTokenId");
        (await sim.Cli.RunWithCredentialsAsync(key, secret, token, "us-east-1", "sns", "list-topics")).Succeeded();
        sim.Advance(TimeSpan.FromMinutes(16));
        (await sim.Cli.RunWithCredentialsAsync(key, secret, token, "us-east-1", "sns", "list-topics")).FailedWith("ExpiredToken");
        (await sim.Cli.RunWithCredentialsAsync(key, secret, token, "us-east-1", "cognito-idp", "list-user-pools", "--max-results", "10")).FailedWith("ExpiredTokenException");
    }

    [Fact]
    public async Task Handing_the_SMS_role_to_Cognito_needs_iam_PassRole_for_cognito_idp()
    {
        await using var sim = await TestSimulator.StartAsync();
        var pool = (await sim.Cli.RunAsync("cognito-idp", "create-user-pool", "--pool-name", "passrole-pool")).Succeeded().Json["UserPool"]!["Id"]!.GetValue<string>();
        var poolArn = $"arn:aws:cognito-idp:us-east-1:111122223333:userpool/{pool}";
        var smsTrust = $$$$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cognito-idp.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"sms-ext-1","aws:SourceAccount":"111122223333"},"ArnLike":{"aws:SourceArn":"{{{{poolArn}}}}"}}}]}""";
        (await sim.Cli.RunAsync("iam", "create-role", "--role-name", "sms-role", "--path", "/sms-onboarding/", "--assume-role-policy-document", smsTrust)).Succeeded();
        (await sim.Cli.RunAsync("iam", "put-role-policy", "--role-name", "sms-role", "--policy-name", "publish", "--policy-document", Policies.SnsPublish)).Succeeded();
        var sms = """{"SnsCallerArn":"arn:aws:iam::111122223333:role/sms-onboarding/sms-role","ExternalId":"sms-ext-1"}""";

        var withoutPassRole = await NarrowSessionAsync(sim, "finalizer",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["cognito-idp:UpdateUserPool","cognito-idp:DescribeUserPool"],"Resource":"*"}]}""");
        var refused = (await withoutPassRole("cognito-idp", "update-user-pool", "--user-pool-id", pool, "--sms-configuration", sms)).FailedWith("AccessDeniedException");
        Assert.Contains("iam:PassRole on resource: arn:aws:iam::111122223333:role/sms-onboarding/sms-role", refused.Stderr, StringComparison.Ordinal);

        (await sim.Cli.RunAsync("iam", "put-role-policy", "--role-name", "finalizer", "--policy-name", "pass", "--policy-document",
            """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/sms-onboarding/*","Condition":{"StringEquals":{"iam:PassedToService":"cognito-idp.amazonaws.com"}}}]}""")).Succeeded();
        (await withoutPassRole("cognito-idp", "update-user-pool", "--user-pool-id", pool, "--sms-configuration", sms)).Succeeded();
        (await withoutPassRole("cognito-idp", "update-user-pool", "--user-pool-id", pool, "--sms-configuration",
            """{"SnsCallerArn":"arn:aws:iam::111122223333:role/sms-onboarding/sms-role","ExternalId":"other-ext"}""")).FailedWith("InvalidSmsRoleTrustRelationshipException");
    }

    private static string TrustAccount() =>
        $$$$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"{{{{ExternalId}}}}"}}}]}""";

    private static async Task CreateRoleAsync(TestSimulator sim, string name, string policy)
    {
        (await sim.Cli.RunAsync("iam", "create-role", "--role-name", name, "--assume-role-policy-document", TrustAccount())).Succeeded();
        (await sim.Cli.RunAsync("iam", "put-role-policy", "--role-name", name, "--policy-name", "narrow", "--policy-document", policy)).Succeeded();
    }

    private static async Task<AsSession> NarrowSessionAsync(TestSimulator sim, string name, string policy)
    {
        await CreateRoleAsync(sim, name, policy);
        return await AssumeAsync(sim, name);
    }

    private static async Task<AsSession> AssumeAsync(TestSimulator sim, string name)
    {
        var credentials = (await sim.Cli.RunAsync("sts", "assume-role", "--role-arn", $"arn:aws:iam::111122223333:role/{name}",
            "--role-session-name", "cli-test", "--external-id", ExternalId)).Succeeded().Json["Credentials"]!;
        return args => sim.Cli.RunWithCredentialsAsync(Text(credentials, "AccessKeyId"), Text(credentials, "SecretAccessKey"),
            Text(credentials, "SessionToken"), "us-east-1", args);
    }

    private static string Text(JsonNode node, string name) => node[name]!.GetValue<string>();
}
