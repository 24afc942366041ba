using SmsOnboarding.Simulator.Tests.Infrastructure;

namespace SmsOnboarding.Simulator.Tests.Cli;

public sealed class IamStsCliTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task Get_caller_identity_returns_the_simulated_account()
    {
        var identity = (await fixture.Sim.Cli.RunAsync("sts", "get-caller-identity")).Succeeded().Json;
        Assert.Equal("111122223333", identity["Account"]!.GetValue<string>());
        Assert.StartsWith("arn:aws:iam::111122223333:", identity["Arn"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Role_is_created_read_updated_given_an_inline_policy_and_tagged()
    {
        var cli = fixture.Sim.Cli;
        var created = (await cli.RunAsync("iam", "create-role", "--role-name", "cli-sms-role", "--path", "/sms-onboarding/",
            "--assume-role-policy-document", Policies.LambdaTrust, "--tags", "Key=team,Value=identity")).Succeeded().Json;
        Assert.Equal("arn:aws:iam::111122223333:role/sms-onboarding/cli-sms-role", created["Role"]!["Arn"]!.GetValue<string>());

        (await cli.RunAsync("iam", "create-role", "--role-name", "cli-sms-role", "--assume-role-policy-document", Policies.LambdaTrust))
            .FailedWith("EntityAlreadyExists");

        (await cli.RunAsync("iam", "update-assume-role-policy", "--role-name", "cli-sms-role", "--policy-document", Policies.CognitoTrust("ext-1"))).Succeeded();
        (await cli.RunAsync("iam", "put-role-policy", "--role-name", "cli-sms-role", "--policy-name", "sns-publish", "--policy-document", Policies.SnsPublish)).Succeeded();
        (await cli.RunAsync("iam", "tag-role", "--role-name", "cli-sms-role", "--tags", "Key=owner,Value=sms-onboarding")).Succeeded();

        var role = (await cli.RunAsync("iam", "get-role", "--role-name", "cli-sms-role")).Succeeded().Json["Role"]!;
        Assert.Equal("ext-1", role["AssumeRolePolicyDocument"]!["Statement"]![0]!["Condition"]!["StringEquals"]!["sts:ExternalId"]!.GetValue<string>());
        Assert.Equal(["team", "owner"], role["Tags"]!.AsArray().Select(t => t!["Key"]!.GetValue<string>()));

        var policy = (await cli.RunAsync("iam", "get-role-policy", "--role-name", "cli-sms-role", "--policy-name", "sns-publish")).Succeeded().Json;
        Assert.Equal("sns:Publish", policy["PolicyDocument"]!["Statement"]![0]!["Action"]![0]!.GetValue<string>());

        (await cli.RunAsync("iam", "get-role-policy", "--role-name", "cli-sms-role", "--policy-name", "missing")).FailedWith("NoSuchEntity");
        (await cli.RunAsync("iam", "get-role", "--role-name", "no-such-role")).FailedWith("NoSuchEntity");
        (await cli.RunAsync("iam", "put-role-policy", "--role-name", "cli-sms-role", "--policy-name", "bad", "--policy-document", "{not json")).FailedWith("MalformedPolicyDocument");
    }
}
