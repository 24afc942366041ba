using SmsOnboarding.Simulator.Iam.Policies;

namespace SmsOnboarding.Simulator.Tests.Iam;

/// <summary>
/// Identity-policy evaluation, table-driven from the IAM User Guide's examples ("Policy evaluation logic",
/// "IAM JSON policy elements: Action/NotAction/Resource/NotResource", "Permissions boundaries for IAM entities").
/// </summary>
public sealed class PolicyEvaluatorTests
{
    private const string Account = "111122223333";
    private const string PoolArn = "arn:aws:cognito-idp:us-east-1:111122223333:userpool/us-east-1_Abc";
    private const string RoleArn = "arn:aws:iam::111122223333:role/sms-onboarding/sms-us-east-1_Abc";

    public static TheoryData<string, string, string, bool> IdentityCases => new()
    {
        // Exact action, any resource.
        { """{"Effect":"Allow","Action":"sns:Publish","Resource":"*"}""", "sns:Publish", "*", true },
        // Action names are case-insensitive; the default is deny.
        { """{"Effect":"Allow","Action":"SNS:publish","Resource":"*"}""", "sns:Publish", "*", true },
        { """{"Effect":"Allow","Action":"sns:Publish","Resource":"*"}""", "sns:CreateTopic", "*", false },
        // Action wildcards: service-wide, prefix, everything.
        { """{"Effect":"Allow","Action":"iam:Get*","Resource":"*"}""", "iam:GetRolePolicy", RoleArn, true },
        { """{"Effect":"Allow","Action":"iam:Get*","Resource":"*"}""", "iam:PutRolePolicy", RoleArn, false },
        { """{"Effect":"Allow","Action":"*","Resource":"*"}""", "support:CreateCase", "*", true },
        { """{"Effect":"Allow","Action":"iam:?etRole","Resource":"*"}""", "iam:GetRole", RoleArn, true },
        // Resource ARNs with wildcards, segment by segment.
        { """{"Effect":"Allow","Action":"iam:GetRole","Resource":"arn:aws:iam::111122223333:role/sms-onboarding/*"}""", "iam:GetRole", RoleArn, true },
        { """{"Effect":"Allow","Action":"iam:GetRole","Resource":"arn:aws:iam::111122223333:role/sms-onboarding/*"}""", "iam:GetRole", "arn:aws:iam::111122223333:role/admin", false },
        { """{"Effect":"Allow","Action":"iam:GetRole","Resource":"arn:aws:iam::444455556666:role/sms-onboarding/*"}""", "iam:GetRole", RoleArn, false },
        { """{"Effect":"Allow","Action":"cognito-idp:DescribeUserPool","Resource":"arn:aws:cognito-idp:*:111122223333:userpool/*"}""", "cognito-idp:DescribeUserPool", PoolArn, true },
        { """{"Effect":"Allow","Action":"sns:Publish","Resource":"arn:aws:sns:*:*:*"}""", "sns:Publish", "*", false },
        // Resource matching is case-sensitive.
        { """{"Effect":"Allow","Action":"iam:GetRole","Resource":"arn:aws:iam::111122223333:role/SMS-ONBOARDING/*"}""", "iam:GetRole", RoleArn, false },
        // NotAction with Allow: everything except IAM (the guide's "allow all but IAM" example).
        { """{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}""", "sns:Publish", "*", true },
        { """{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}""", "iam:CreateRole", RoleArn, false },
        // NotResource: every resource but the one named.
        { """{"Effect":"Allow","Action":"iam:GetRole","NotResource":"arn:aws:iam::111122223333:role/admin"}""", "iam:GetRole", RoleArn, true },
        { """{"Effect":"Allow","Action":"iam:GetRole","NotResource":"arn:aws:iam::111122223333:role/admin"}""", "iam:GetRole", "arn:aws:iam::111122223333:role/admin", false },
    };

    [Theory]
    [MemberData(nameof(IdentityCases))]
    public void Identity_policy_allows_only_matching_action_and_resource(string statement, string action, string resource, bool allowed)
    {
        var policy = Policy.Parse($$"""{"Version":"2012-10-17","Statement":[{{statement}}]}""", PolicyKind.Identity);
        var decision = PolicyEvaluator.Authorize([policy], null, new AccessRequest(action, resource, null, AccessRequest.Keys()));
        Assert.Equal(allowed, decision.Allowed);
    }

    [Fact]
    public void Explicit_deny_overrides_an_allow_in_another_policy()
    {
        var admin = Identity("""{"Effect":"Allow","Action":"*","Resource":"*"}""");
        var noIam = Identity("""{"Effect":"Deny","Action":"iam:*","Resource":"*"}""");
        var decision = PolicyEvaluator.Authorize([admin, noIam], null, Request("iam:CreateRole", RoleArn));
        Assert.False(decision.Allowed);
        Assert.Equal("with an explicit deny in an identity-based policy", decision.Reason);
        Assert.True(PolicyEvaluator.Authorize([admin, noIam], null, Request("sns:Publish", "*")).Allowed);
    }

    [Fact]
    public void Nothing_allows_is_an_implicit_deny_named_after_the_action()
    {
        var decision = PolicyEvaluator.Authorize([], null, Request("sns:Publish", "*"));
        Assert.False(decision.Allowed);
        Assert.Equal("because no identity-based policy allows the sns:Publish action", decision.Reason);
    }

    [Fact]
    public void Permissions_boundary_caps_what_the_identity_policy_allows()
    {
        // The guide's example: a boundary of S3, CloudWatch and EC2; an identity policy that allows iam:CreateUser.
        var boundary = Identity("""{"Effect":"Allow","Action":["s3:*","cloudwatch:*","ec2:*"],"Resource":"*"}""");
        var identity = Identity("""{"Effect":"Allow","Action":["iam:CreateUser","ec2:DescribeInstances"],"Resource":"*"}""");
        var createUser = PolicyEvaluator.Authorize([identity], [boundary], Request("iam:CreateUser", "arn:aws:iam::111122223333:user/x"));
        Assert.False(createUser.Allowed);
        Assert.Equal("because no permissions boundary allows the iam:CreateUser action", createUser.Reason);
        Assert.True(PolicyEvaluator.Authorize([identity], [boundary], Request("ec2:DescribeInstances", "*")).Allowed);
        // The boundary alone grants nothing.
        Assert.False(PolicyEvaluator.Authorize([identity], [boundary], Request("s3:GetObject", "*")).Allowed);
    }

    [Fact]
    public void Deny_in_the_boundary_wins()
    {
        var boundary = Identity("""{"Effect":"Allow","Action":"*","Resource":"*"}""", """{"Effect":"Deny","Action":"iam:DeleteRole","Resource":"*"}""");
        var identity = Identity("""{"Effect":"Allow","Action":"iam:*","Resource":"*"}""");
        var decision = PolicyEvaluator.Authorize([identity], [boundary], Request("iam:DeleteRole", RoleArn));
        Assert.Equal("with an explicit deny in a permissions boundary", decision.Reason);
    }

    [Fact]
    public void CreateRole_grant_holds_only_with_the_named_permissions_boundary()
    {
        // StepCatalog's EnsureSmsRole grant: iam:CreateRole under the managed path, only with the boundary attached.
        var grant = Identity("""
            {"Effect":"Allow","Action":"iam:CreateRole","Resource":"arn:aws:iam::111122223333:role/sms-onboarding/*",
             "Condition":{"StringEquals":{"iam:PermissionsBoundary":"arn:aws:iam::111122223333:policy/sms-onboarding-sms-role-boundary"}}}
            """);
        Assert.True(PolicyEvaluator.Authorize([grant], null, Request("iam:CreateRole", RoleArn,
            ("iam:PermissionsBoundary", "arn:aws:iam::111122223333:policy/sms-onboarding-sms-role-boundary"))).Allowed);
        Assert.False(PolicyEvaluator.Authorize([grant], null, Request("iam:CreateRole", RoleArn)).Allowed);
        Assert.False(PolicyEvaluator.Authorize([grant], null, Request("iam:CreateRole", RoleArn,
            ("iam:PermissionsBoundary", "arn:aws:iam::111122223333:policy/other"))).Allowed);
    }

    [Fact]
    public void PassRole_grant_holds_only_when_passed_to_the_named_service()
    {
        var grant = Identity("""
            {"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/sms-onboarding/*",
             "Condition":{"StringEquals":{"iam:PassedToService":"cognito-idp.amazonaws.com"}}}
            """);
        Assert.True(PolicyEvaluator.Authorize([grant], null, Request("iam:PassRole", RoleArn, ("iam:PassedToService", "cognito-idp.amazonaws.com"))).Allowed);
        Assert.False(PolicyEvaluator.Authorize([grant], null, Request("iam:PassRole", RoleArn, ("iam:PassedToService", "lambda.amazonaws.com"))).Allowed);
    }

    private static Policy Identity(params string[] statements) =>
        Policy.Parse($$"""{"Version":"2012-10-17","Statement":[{{string.Join(',', statements)}}]}""", PolicyKind.Identity);

    private static AccessRequest Request(string action, string resource, params (string, string)[] keys) =>
        new(action, resource, Caller.Aws(Account, "arn:aws:iam::111122223333:user/alice"), AccessRequest.Keys(keys));
}
