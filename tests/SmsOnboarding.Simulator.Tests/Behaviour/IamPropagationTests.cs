using SmsOnboarding.Simulator.Tests.Infrastructure;

namespace SmsOnboarding.Simulator.Tests.Behaviour;

/// <summary>IAM's eventual consistency, with the scenario's delays, seen through the aws CLI.</summary>
public sealed class IamPropagationTests
{
    private const string Delays = """{"iamPropagation": {"readSeconds": 5, "roleAssumptionSeconds": 20}}""";

    [Fact]
    public async Task New_role_reads_as_missing_until_it_propagates_while_a_second_create_is_refused_at_once()
    {
        await using var sim = await TestSimulator.StartAsync(Delays);
        var cli = sim.Cli;
        (await cli.RunAsync("iam", "create-role", "--role-name", "fresh", "--assume-role-policy-document", Policies.CognitoTrust("ext-1"))).Succeeded();
        (await cli.RunAsync("iam", "get-role", "--role-name", "fresh")).FailedWith("NoSuchEntity");
        (await cli.RunAsync("iam", "create-role", "--role-name", "fresh", "--assume-role-policy-document", Policies.CognitoTrust("ext-2"))).FailedWith("EntityAlreadyExists");
        (await cli.RunAsync("iam", "put-role-policy", "--role-name", "fresh", "--policy-name", "publish", "--policy-document", Policies.SnsPublish)).Succeeded();

        sim.Advance(TimeSpan.FromSeconds(5));
        var role = (await cli.RunAsync("iam", "get-role", "--role-name", "fresh")).Succeeded().Json["Role"]!;
        Assert.Equal("ext-1", role["AssumeRolePolicyDocument"]!["Statement"]![0]!["Condition"]!["StringEquals"]!["sts:ExternalId"]!.GetValue<string>());
        (await cli.RunAsync("iam", "get-role-policy", "--role-name", "fresh", "--policy-name", "publish")).Succeeded();
    }

    [Fact]
    public async Task Changed_trust_policy_reads_as_before_until_it_propagates()
    {
        await using var sim = await TestSimulator.StartAsync(Delays);
        var cli = sim.Cli;
        (await cli.RunAsync("iam", "create-role", "--role-name", "changing", "--assume-role-policy-document", Policies.CognitoTrust("old-id"))).Succeeded();
        sim.Advance(TimeSpan.FromSeconds(30));
        (await cli.RunAsync("iam", "update-assume-role-policy", "--role-name", "changing", "--policy-document", Policies.CognitoTrust("new-id"))).Succeeded();

        Assert.Equal("old-id", await ExternalIdAsync(cli, "changing"));
        sim.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal("new-id", await ExternalIdAsync(cli, "changing"));
    }

    [Fact]
    public async Task Cognito_refuses_a_role_minutes_old_with_the_trust_error_until_it_propagates()
    {
        await using var sim = await TestSimulator.StartAsync(Delays);
        var cli = sim.Cli;
        var pool = (await cli.RunAsync("cognito-idp", "create-user-pool", "--pool-name", "propagation")).Succeeded().Json["UserPool"]!["Id"]!.GetValue<string>();
        (await cli.RunAsync("iam", "create-role", "--role-name", "sms-new", "--assume-role-policy-document", Policies.CognitoTrust("ext-9"))).Succeeded();
        (await cli.RunAsync("iam", "put-role-policy", "--role-name", "sms-new", "--policy-name", "publish", "--policy-document", Policies.SnsPublish)).Succeeded();
        var sms = """{"SnsCallerArn":"arn:aws:iam::111122223333:role/sms-new","ExternalId":"ext-9"}""";

        (await cli.RunAsync("cognito-idp", "update-user-pool", "--user-pool-id", pool, "--sms-configuration", sms)).FailedWith("InvalidSmsRoleTrustRelationshipException");
        sim.Advance(TimeSpan.FromSeconds(10));
        // IAM reads see the role already; Cognito does not yet.
        (await cli.RunAsync("iam", "get-role", "--role-name", "sms-new")).Succeeded();
        (await cli.RunAsync("cognito-idp", "update-user-pool", "--user-pool-id", pool, "--sms-configuration", sms)).FailedWith("InvalidSmsRoleTrustRelationshipException");
        sim.Advance(TimeSpan.FromSeconds(10));
        (await cli.RunAsync("cognito-idp", "update-user-pool", "--user-pool-id", pool, "--sms-configuration", sms)).Succeeded();
    }

    private static async Task<string> ExternalIdAsync(AwsCli cli, string role) =>
        (await cli.RunAsync("iam", "get-role", "--role-name", role)).Succeeded().Json["Role"]!["AssumeRolePolicyDocument"]!
            ["Statement"]![0]!["Condition"]!["StringEquals"]!["sts:ExternalId"]!.GetValue<string>();
}
