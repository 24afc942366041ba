using System.Text.Json.Nodes;
using SmsOnboarding.Simulator.Tests.Infrastructure;

namespace SmsOnboarding.Simulator.Tests.Cli;

public sealed class CognitoCliTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task User_pool_is_created_described_updated_and_given_sms_mfa_through_the_cli()
    {
        var cli = fixture.Sim.Cli;
        (await cli.RunAsync("iam", "create-role", "--role-name", "cognito-sms", "--assume-role-policy-document", Policies.CognitoTrust("ext-42"))).Succeeded();
        (await cli.RunAsync("iam", "put-role-policy", "--role-name", "cognito-sms", "--policy-name", "publish", "--policy-document", Policies.SnsPublish)).Succeeded();
        const string roleArn = "arn:aws:iam::111122223333:role/cognito-sms";

        var created = (await cli.RunAsync("cognito-idp", "create-user-pool", "--pool-name", "cli-pool", "--user-pool-tags", "app=demo")).Succeeded().Json;
        var poolId = created["UserPool"]!["Id"]!.GetValue<string>();
        Assert.StartsWith("us-east-1_", poolId, StringComparison.Ordinal);

        var sms = $"SnsCallerArn={roleArn},ExternalId=ext-42,SnsRegion=us-east-1";
        (await cli.RunAsync("cognito-idp", "update-user-pool", "--user-pool-id", poolId, "--sms-configuration", sms,
            "--sms-authentication-message", "Your code is {####}")).Succeeded();
        var pool = (await cli.RunAsync("cognito-idp", "describe-user-pool", "--user-pool-id", poolId)).Succeeded().Json["UserPool"]!;
        Assert.Equal(roleArn, pool["SmsConfiguration"]!["SnsCallerArn"]!.GetValue<string>());
        Assert.Equal("SNSSandbox", pool["SmsConfigurationFailure"]!.GetValue<string>());
        Assert.Empty(pool["UserPoolTags"]!.AsObject()); // omitted by the update, so reset

        var wrongExternalId = $"SnsCallerArn={roleArn},ExternalId=other,SnsRegion=us-east-1";
        (await cli.RunAsync("cognito-idp", "update-user-pool", "--user-pool-id", poolId, "--sms-configuration", wrongExternalId))
            .FailedWith("InvalidSmsRoleTrustRelationshipException");

        var mfa = new JsonObject
        {
            ["SmsAuthenticationMessage"] = "Code: {####}",
            ["SmsConfiguration"] = new JsonObject { ["SnsCallerArn"] = roleArn, ["ExternalId"] = "ext-42", ["SnsRegion"] = "us-east-1" },
        };
        var result = (await cli.RunAsync("cognito-idp", "set-user-pool-mfa-config", "--user-pool-id", poolId,
            "--sms-mfa-configuration", mfa.ToJsonString(), "--mfa-configuration", "OPTIONAL")).Succeeded().Json;
        Assert.Equal("OPTIONAL", result["MfaConfiguration"]!.GetValue<string>());
        Assert.Equal("Code: {####}", result["SmsMfaConfiguration"]!["SmsAuthenticationMessage"]!.GetValue<string>());

        (await cli.RunAsync("cognito-idp", "describe-user-pool", "--user-pool-id", "us-east-1_Missing00")).FailedWith("ResourceNotFoundException");
    }
}
