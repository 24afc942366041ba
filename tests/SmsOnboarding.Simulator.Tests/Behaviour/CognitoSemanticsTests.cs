using SmsOnboarding.Aws.CognitoIdentityProvider;
using SmsOnboarding.Aws.CognitoIdentityProvider.Model;
using SmsOnboarding.Aws.IdentityManagement.Model;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Domain.Policies;
using SmsOnboarding.Simulator.Tests.Infrastructure;

namespace SmsOnboarding.Simulator.Tests.Behaviour;

public sealed class CognitoSemanticsTests
{
    private const string Account = "111122223333";

    [Fact]
    public async Task UpdateUserPool_resets_every_omitted_setting_to_its_default()
    {
        await using var sim = await TestSimulator.StartAsync();
        using var cognito = sim.Cognito();
        var created = await cognito.CreateUserPoolAsync(new CreateUserPoolRequest
        {
            PoolName = "reset-demo",
            LambdaConfig = new LambdaConfigType { PreSignUp = "arn:aws:lambda:us-east-1:111122223333:function:pre-sign-up" },
            UserPoolTags = new() { ["team"] = "identity" },
            AutoVerifiedAttributes = ["email"],
            EmailVerificationMessage = "Code {####}",
            EmailVerificationSubject = "Verify",
            DeletionProtection = "ACTIVE",
            UserPoolTier = "PLUS",
        });
        var id = created.UserPool!.Id!;

        await cognito.UpdateUserPoolAsync(new UpdateUserPoolRequest { UserPoolId = id, MfaConfiguration = "OFF" });

        var pool = (await cognito.DescribeUserPoolAsync(new DescribeUserPoolRequest { UserPoolId = id })).UserPool!;
        Assert.Equal("reset-demo", pool.Name);
        Assert.Null(pool.LambdaConfig?.PreSignUp);
        Assert.Empty(pool.UserPoolTags ?? []);
        Assert.Null(pool.AutoVerifiedAttributes);
        Assert.Null(pool.EmailVerificationMessage);
        Assert.Null(pool.EmailVerificationSubject);
        Assert.Equal("INACTIVE", pool.DeletionProtection);
        Assert.Equal("PLUS", pool.UserPoolTier);
        Assert.Equal(8, pool.Policies!.PasswordPolicy!.MinimumLength);
    }

    [Fact]
    public async Task Role_built_from_the_domain_policies_is_accepted_and_reports_the_sandbox()
    {
        await using var sim = await TestSimulator.StartAsync();
        using var cognito = sim.Cognito();
        var id = (await cognito.CreateUserPoolAsync(new CreateUserPoolRequest { PoolName = "ok" })).UserPool!.Id!;
        var roleArn = await CreateRoleAsync(sim, "sms-ok", SmsRolePolicies.TrustPolicy(Account, SmsRolePolicies.UserPoolArn("us-east-1", Account, id), "ext-ok").ToJsonString(),
            SmsRolePolicies.PublishPolicy().ToJsonString());

        await UpdateSmsAsync(cognito, id, roleArn, "ext-ok");

        var pool = (await cognito.DescribeUserPoolAsync(new DescribeUserPoolRequest { UserPoolId = id })).UserPool!;
        Assert.Equal(roleArn, pool.SmsConfiguration!.SnsCallerArn);
        Assert.Equal("SNSSandbox", pool.SmsConfigurationFailure);
    }

    [Theory]
    [InlineData("ext-other", "InvalidSmsRoleTrustRelationshipException")]
    [InlineData(null, "InvalidSmsRoleTrustRelationshipException")]
    public async Task External_id_must_satisfy_the_trust_condition(string? externalId, string expected)
    {
        await using var sim = await TestSimulator.StartAsync();
        using var cognito = sim.Cognito();
        var id = (await cognito.CreateUserPoolAsync(new CreateUserPoolRequest { PoolName = "ext" })).UserPool!.Id!;
        var roleArn = await CreateRoleAsync(sim, "sms-ext", Policies.CognitoTrust("ext-1"), Policies.SnsPublish);
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => UpdateSmsAsync(cognito, id, roleArn, externalId));
        Assert.Equal(expected, error.ErrorCode);
    }

    [Fact]
    public async Task Trust_policy_must_name_cognito_and_the_pool()
    {
        await using var sim = await TestSimulator.StartAsync();
        using var cognito = sim.Cognito();
        var id = (await cognito.CreateUserPoolAsync(new CreateUserPoolRequest { PoolName = "trust" })).UserPool!.Id!;
        var lambdaRole = await CreateRoleAsync(sim, "lambda-only", Policies.LambdaTrust, Policies.SnsPublish);
        var otherPool = await CreateRoleAsync(sim, "other-pool",
            SmsRolePolicies.TrustPolicy(Account, SmsRolePolicies.UserPoolArn("us-east-1", Account, "us-east-1_Other0000"), "x1").ToJsonString(), Policies.SnsPublish);

        Assert.Equal("InvalidSmsRoleTrustRelationshipException", (await Assert.ThrowsAsync<AwsServiceException>(() => UpdateSmsAsync(cognito, id, lambdaRole, null))).ErrorCode);
        Assert.Equal("InvalidSmsRoleTrustRelationshipException", (await Assert.ThrowsAsync<AwsServiceException>(() => UpdateSmsAsync(cognito, id, otherPool, "x1"))).ErrorCode);
        Assert.Equal("InvalidSmsRoleTrustRelationshipException", (await Assert.ThrowsAsync<AwsServiceException>(() =>
            UpdateSmsAsync(cognito, id, $"arn:aws:iam::{Account}:role/does-not-exist", null))).ErrorCode);
    }

    [Fact]
    public async Task Role_without_an_sns_publish_inline_policy_is_rejected_and_nothing_changes()
    {
        await using var sim = await TestSimulator.StartAsync();
        using var cognito = sim.Cognito();
        var id = (await cognito.CreateUserPoolAsync(new CreateUserPoolRequest { PoolName = "access", UserPoolTags = new() { ["keep"] = "me" } })).UserPool!.Id!;
        var roleArn = await CreateRoleAsync(sim, "no-publish", Policies.CognitoTrust(), Policies.SnsList);
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => UpdateSmsAsync(cognito, id, roleArn, null));
        Assert.Equal("InvalidSmsRoleAccessPolicyException", error.ErrorCode);
        var pool = (await cognito.DescribeUserPoolAsync(new DescribeUserPoolRequest { UserPoolId = id })).UserPool!;
        Assert.Equal("me", pool.UserPoolTags!["keep"]);

        var mfa = await Assert.ThrowsAsync<AwsServiceException>(() => cognito.SetUserPoolMfaConfigAsync(new SetUserPoolMfaConfigRequest
        {
            UserPoolId = id,
            SmsMfaConfiguration = new SmsMfaConfigType { SmsConfiguration = new SmsConfigurationType { SnsCallerArn = roleArn } },
        }));
        Assert.Equal("InvalidSmsRoleAccessPolicyException", mfa.ErrorCode);
    }

    [Fact]
    public async Task Sandbox_failure_is_reported_only_while_the_sns_region_is_in_the_sandbox()
    {
        await using var sim = await TestSimulator.StartAsync("""{ "productionRegions": ["us-west-2"] }""");
        using var cognito = sim.Cognito();
        var id = (await cognito.CreateUserPoolAsync(new CreateUserPoolRequest { PoolName = "regions" })).UserPool!.Id!;
        var roleArn = await CreateRoleAsync(sim, "sms-regions", Policies.CognitoTrust(), Policies.SnsPublish);

        await UpdateSmsAsync(cognito, id, roleArn, null, snsRegion: "us-west-2");
        Assert.Null((await cognito.DescribeUserPoolAsync(new DescribeUserPoolRequest { UserPoolId = id })).UserPool!.SmsConfigurationFailure);

        await UpdateSmsAsync(cognito, id, roleArn, null, snsRegion: "us-east-1");
        Assert.Equal("SNSSandbox", (await cognito.DescribeUserPoolAsync(new DescribeUserPoolRequest { UserPoolId = id })).UserPool!.SmsConfigurationFailure);
    }

    [Fact]
    public async Task SetUserPoolMfaConfig_changes_only_what_it_is_given()
    {
        await using var sim = await TestSimulator.StartAsync();
        using var cognito = sim.Cognito();
        var id = (await cognito.CreateUserPoolAsync(new CreateUserPoolRequest { PoolName = "mfa", UserPoolTags = new() { ["keep"] = "me" } })).UserPool!.Id!;
        var roleArn = await CreateRoleAsync(sim, "sms-mfa", Policies.CognitoTrust(), Policies.SnsPublish);
        await cognito.SetUserPoolMfaConfigAsync(new SetUserPoolMfaConfigRequest
        {
            UserPoolId = id,
            SmsMfaConfiguration = new SmsMfaConfigType { SmsAuthenticationMessage = "Code {####}", SmsConfiguration = new SmsConfigurationType { SnsCallerArn = roleArn } },
            MfaConfiguration = "OPTIONAL",
        });
        await cognito.SetUserPoolMfaConfigAsync(new SetUserPoolMfaConfigRequest { UserPoolId = id, MfaConfiguration = "ON" });

        var mfa = await cognito.GetUserPoolMfaConfigAsync(new GetUserPoolMfaConfigRequest { UserPoolId = id });
        Assert.Equal("ON", mfa.MfaConfiguration);
        Assert.Equal(roleArn, mfa.SmsMfaConfiguration!.SmsConfiguration!.SnsCallerArn);
        var pool = (await cognito.DescribeUserPoolAsync(new DescribeUserPoolRequest { UserPoolId = id })).UserPool!;
        Assert.Equal("me", pool.UserPoolTags!["keep"]);
        Assert.Equal("Code {####}", pool.SmsAuthenticationMessage);
    }

    private static Task UpdateSmsAsync(AmazonCognitoIdentityProviderClient cognito, string poolId, string roleArn, string? externalId, string snsRegion = "us-east-1") =>
        cognito.UpdateUserPoolAsync(new UpdateUserPoolRequest
        {
            UserPoolId = poolId,
            SmsConfiguration = new SmsConfigurationType { SnsCallerArn = roleArn, ExternalId = externalId, SnsRegion = snsRegion },
            SmsAuthenticationMessage = "Your code is {####}",
        });

    private static async Task<string> CreateRoleAsync(TestSimulator sim, string name, string trust, string inlinePolicy)
    {
        using var iam = sim.Iam();
        var role = await iam.CreateRoleAsync(new CreateRoleRequest { RoleName = name, AssumeRolePolicyDocument = trust });
        await iam.PutRolePolicyAsync(new PutRolePolicyRequest { RoleName = name, PolicyName = "inline", PolicyDocument = inlinePolicy });
        return role.Role!.Arn!;
    }
}
