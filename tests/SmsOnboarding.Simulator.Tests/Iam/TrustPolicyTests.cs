using SmsOnboarding.Domain.Policies;
using SmsOnboarding.Simulator.Iam.Policies;

namespace SmsOnboarding.Simulator.Tests.Iam;

/// <summary>
/// Role trust policies (sts:AssumeRole): service principals with the confused-deputy keys, the External ID
/// ("How to use an external ID"), and AWS principals named directly or through their account.
/// </summary>
public sealed class TrustPolicyTests
{
    private const string Account = "111122223333";
    private const string PoolArn = "arn:aws:cognito-idp:us-east-1:111122223333:userpool/us-east-1_Abc";
    private const string RoleArn = "arn:aws:iam::111122223333:role/narrow";
    private static readonly Caller Alice = Caller.Aws(Account, "arn:aws:iam::111122223333:user/alice");
    private static readonly Policy AllowAssume = Identity("""{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}""");

    public static TheoryData<string, string, string, bool> CognitoCases => new()
    {
        // account, source ARN, external id ("" = none), allowed
        { Account, PoolArn, "ext-1", true },
        { Account, PoolArn, "ext-2", false },
        { Account, PoolArn, "", false },
        { "444455556666", PoolArn, "ext-1", false },
        { Account, "arn:aws:cognito-idp:us-east-1:111122223333:userpool/us-east-1_Other", "ext-1", false },
    };

    [Theory]
    [MemberData(nameof(CognitoCases))]
    public void Cognito_may_assume_the_SMS_role_only_for_its_pool_account_and_external_id(string account, string sourceArn, string externalId, bool allowed)
    {
        var trust = Trust(SmsRolePolicies.TrustPolicy(Account, PoolArn, "ext-1").ToJsonString());
        var keys = new List<(string, string)> { ("aws:SourceAccount", account), ("aws:SourceArn", sourceArn) };
        if (externalId.Length > 0)
        {
            keys.Add(("sts:ExternalId", externalId));
        }
        var request = new AccessRequest("sts:AssumeRole", RoleArn, Caller.Service("cognito-idp.amazonaws.com"), AccessRequest.Keys([.. keys]));
        Assert.Equal(allowed, PolicyEvaluator.AuthorizeAssumeRole(trust, [], null, request).Allowed);
    }

    [Fact]
    public void Another_service_principal_is_not_trusted()
    {
        var trust = Trust(SmsRolePolicies.TrustPolicy(Account, PoolArn, "ext-1").ToJsonString());
        var request = new AccessRequest("sts:AssumeRole", RoleArn, Caller.Service("lambda.amazonaws.com"),
            AccessRequest.Keys(("aws:SourceAccount", Account), ("aws:SourceArn", PoolArn), ("sts:ExternalId", "ext-1")));
        Assert.False(PolicyEvaluator.AuthorizeAssumeRole(trust, [], null, request).Allowed);
    }

    [Fact]
    public void Trusting_the_account_delegates_to_the_callers_identity_policy()
    {
        var trust = Trust("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}""");
        Assert.True(PolicyEvaluator.AuthorizeAssumeRole(trust, [AllowAssume], null, Assume(Alice)).Allowed);
        var denied = PolicyEvaluator.AuthorizeAssumeRole(trust, [], null, Assume(Alice));
        Assert.Equal("because no identity-based policy allows the sts:AssumeRole action", denied.Reason);
        // The bare account id means the same.
        Assert.True(PolicyEvaluator.AuthorizeAssumeRole(Trust("""{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"}"""),
            [AllowAssume], null, Assume(Alice)).Allowed);
    }

    [Fact]
    public void Trusting_the_caller_itself_needs_no_identity_policy_in_the_same_account()
    {
        var trust = Trust("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"sts:AssumeRole"}""");
        Assert.True(PolicyEvaluator.AuthorizeAssumeRole(trust, [], null, Assume(Alice)).Allowed);
        Assert.False(PolicyEvaluator.AuthorizeAssumeRole(trust, [], null, Assume(Caller.Aws(Account, "arn:aws:iam::111122223333:user/bob"))).Allowed);
    }

    [Fact]
    public void A_role_session_answers_to_its_role_arn()
    {
        var trust = Trust("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/step"},"Action":"sts:AssumeRole"}""");
        var session = Caller.Aws(Account, "arn:aws:sts::111122223333:assumed-role/step/s1", "arn:aws:iam::111122223333:role/step");
        Assert.True(PolicyEvaluator.AuthorizeAssumeRole(trust, [], null, Assume(session)).Allowed);
    }

    [Fact]
    public void Other_accounts_are_not_trusted_and_explicit_deny_wins()
    {
        var trust = Trust("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:AssumeRole"}""");
        Assert.False(PolicyEvaluator.AuthorizeAssumeRole(trust, [AllowAssume], null, Assume(Alice)).Allowed);

        var trustAll = Trust("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}""");
        var deny = Identity("""{"Effect":"Deny","Action":"sts:*","Resource":"*"}""");
        Assert.Equal("with an explicit deny in an identity-based policy",
            PolicyEvaluator.AuthorizeAssumeRole(trustAll, [AllowAssume, deny], null, Assume(Alice)).Reason);
    }

    [Fact]
    public void Assume_role_with_external_id_condition_needs_the_matching_id()
    {
        var trust = Trust("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"Unique-1"}}}""");
        Assert.True(PolicyEvaluator.AuthorizeAssumeRole(trust, [AllowAssume], null, Assume(Alice, ("sts:ExternalId", "Unique-1"))).Allowed);
        Assert.False(PolicyEvaluator.AuthorizeAssumeRole(trust, [AllowAssume], null, Assume(Alice)).Allowed);
    }

    private static AccessRequest Assume(Caller caller, params (string, string)[] keys) =>
        new("sts:AssumeRole", RoleArn, caller, AccessRequest.Keys(keys));

    private static Policy Trust(string statementOrDocument) => Policy.Parse(
        statementOrDocument.Contains("\"Statement\"", StringComparison.Ordinal) ? statementOrDocument : $$"""{"Version":"2012-10-17","Statement":[{{statementOrDocument}}]}""",
        PolicyKind.Trust);

    private static Policy Identity(string statement) =>
        Policy.Parse($$"""{"Version":"2012-10-17","Statement":[{{statement}}]}""", PolicyKind.Identity);
}
