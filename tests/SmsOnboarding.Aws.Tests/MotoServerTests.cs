using System.Net;
using System.Text.Json.Nodes;
using SmsOnboarding.Aws.AWSSupport;
using SmsOnboarding.Aws.AWSSupport.Model;
using SmsOnboarding.Aws.CognitoIdentityProvider;
using SmsOnboarding.Aws.CognitoIdentityProvider.Model;
using SmsOnboarding.Aws.IdentityManagement;
using SmsOnboarding.Aws.IdentityManagement.Model;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Aws.SecurityToken;
using SmsOnboarding.Aws.SecurityToken.Model;
using SmsOnboarding.Aws.ServiceQuotas;
using SmsOnboarding.Aws.ServiceQuotas.Model;
using SmsOnboarding.Aws.SimpleNotificationService;
using SmsOnboarding.Aws.SimpleNotificationService.Model;
using SmsOnboarding.Aws.Tests.Support;
using SmsOnboarding.Testing;
using Tag = SmsOnboarding.Aws.IdentityManagement.Model.Tag;

namespace SmsOnboarding.Aws.Tests;

/// <summary>The clients against an independent implementation of the wire protocols (moto_server), for what moto implements.</summary>
[Collection(MotoCollection.Name)]
public sealed class MotoServerTests(MotoServerFixture moto)
{
    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 60)];

    [MotoFact]
    public async Task Cognito_pool_is_created_described_and_updated_with_an_sms_configuration()
    {
        using var cognito = new AmazonCognitoIdentityProviderClient(moto.Config("eu-west-1"));
        var created = await cognito.CreateUserPoolAsync(new CreateUserPoolRequest
        {
            PoolName = Unique("pool"),
            AutoVerifiedAttributes = [VerifiedAttributeType.Email],
        });
        var poolId = created.UserPool!.Id!;

        await cognito.UpdateUserPoolAsync(new UpdateUserPoolRequest
        {
            UserPoolId = poolId,
            AutoVerifiedAttributes = [VerifiedAttributeType.Phone_number],
            SmsAuthenticationMessage = "Your code is {####}",
            SmsConfiguration = new SmsConfigurationType
            {
                SnsCallerArn = "arn:aws:iam::123456789012:role/sms-onboarding/SmsRole",
                ExternalId = "external-1",
                SnsRegion = "eu-west-1",
            },
        });
        var described = (await cognito.DescribeUserPoolAsync(new DescribeUserPoolRequest { UserPoolId = poolId })).UserPool!;

        Assert.StartsWith("eu-west-1_", poolId, StringComparison.Ordinal);
        Assert.Equal("arn:aws:iam::123456789012:role/sms-onboarding/SmsRole", described.SmsConfiguration!.SnsCallerArn);
        Assert.Equal("external-1", described.SmsConfiguration.ExternalId);
        Assert.Equal([VerifiedAttributeType.Phone_number], described.AutoVerifiedAttributes);
        Assert.NotNull(described.CreationDate);
    }

    [MotoFact]
    public async Task Cognito_sms_mfa_configuration_is_set_and_read_back()
    {
        using var cognito = new AmazonCognitoIdentityProviderClient(moto.Config());
        var poolId = (await cognito.CreateUserPoolAsync(new CreateUserPoolRequest { PoolName = Unique("mfa") })).UserPool!.Id!;

        var set = await cognito.SetUserPoolMfaConfigAsync(new SetUserPoolMfaConfigRequest
        {
            UserPoolId = poolId,
            MfaConfiguration = UserPoolMfaType.OPTIONAL,
            SmsMfaConfiguration = new SmsMfaConfigType
            {
                SmsAuthenticationMessage = "Code {####}",
                SmsConfiguration = new SmsConfigurationType { SnsCallerArn = "arn:aws:iam::123456789012:role/r", ExternalId = "x1" },
            },
        });
        var read = await cognito.GetUserPoolMfaConfigAsync(new GetUserPoolMfaConfigRequest { UserPoolId = poolId });

        Assert.Equal(UserPoolMfaType.OPTIONAL, set.MfaConfiguration);
        Assert.Equal("arn:aws:iam::123456789012:role/r", read.SmsMfaConfiguration!.SmsConfiguration!.SnsCallerArn);
    }

    [MotoFact]
    public async Task Missing_user_pool_surfaces_as_a_typed_error()
    {
        using var cognito = new AmazonCognitoIdentityProviderClient(moto.Config());

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            cognito.DescribeUserPoolAsync(new DescribeUserPoolRequest { UserPoolId = "us-east-1_doesnotexist" }));

        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
        Assert.Equal("Cognito Identity Provider", error.ServiceName);
    }

    [MotoFact]
    public async Task Iam_role_lifecycle_create_get_policies_trust_update_and_tags()
    {
        using var iam = new AmazonIdentityManagementServiceClient(moto.Config());
        var roleName = Unique("SmsRole");
        var trust = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cognito-idp.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"e1"}}}]}""";
        var publish = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sns:Publish","Resource":"*"}]}""";

        var created = await iam.CreateRoleAsync(new CreateRoleRequest
        {
            RoleName = roleName,
            Path = "/sms-onboarding/",
            AssumeRolePolicyDocument = trust,
            Tags = [new Tag { Key = "team", Value = "identity" }],
        });
        await iam.PutRolePolicyAsync(new PutRolePolicyRequest { RoleName = roleName, PolicyName = "publish", PolicyDocument = publish });
        var policy = await iam.GetRolePolicyAsync(new GetRolePolicyRequest { RoleName = roleName, PolicyName = "publish" });
        var newTrust = trust.Replace("e1", "e2", StringComparison.Ordinal);
        await iam.UpdateAssumeRolePolicyAsync(new UpdateAssumeRolePolicyRequest { RoleName = roleName, PolicyDocument = newTrust });
        await iam.TagRoleAsync(new TagRoleRequest { RoleName = roleName, Tags = [new Tag { Key = "owner", Value = "onboarding" }] });
        var role = (await iam.GetRoleAsync(new GetRoleRequest { RoleName = roleName })).Role!;

        Assert.Equal($"arn:aws:iam::123456789012:role/sms-onboarding/{roleName}", created.Role!.Arn);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(publish), JsonNode.Parse(PolicyDocuments.Decode(policy.PolicyDocument!))));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(newTrust), JsonNode.Parse(PolicyDocuments.Decode(role.AssumeRolePolicyDocument!))));
        Assert.Equal(["onboarding", "identity"], role.Tags!.OrderBy(t => t.Key).Select(t => t.Value));
    }

    [MotoFact]
    public async Task Iam_missing_role_is_a_query_protocol_error_with_code_and_status()
    {
        using var iam = new AmazonIdentityManagementServiceClient(moto.Config());

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => iam.GetRoleAsync(new GetRoleRequest { RoleName = Unique("missing") }));

        Assert.Equal(IdentityManagementErrorCodes.NoSuchEntityException, error.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, error.HttpStatusCode);
    }

    [MotoFact]
    public async Task Sts_caller_identity_names_the_account()
    {
        using var sts = new AmazonSecurityTokenServiceClient(moto.Config());

        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        Assert.Equal("123456789012", identity.Account);
        Assert.StartsWith("arn:aws:", identity.Arn, StringComparison.Ordinal);
    }

    [MotoFact]
    public async Task Sns_sms_attributes_are_set_and_read_and_a_text_is_published_to_a_phone_number()
    {
        using var sns = new AmazonSimpleNotificationServiceClient(moto.Config("us-west-2"));

        await sns.SetSMSAttributesAsync(new SetSMSAttributesRequest
        {
            Attributes = new() { ["MonthlySpendLimit"] = "25", ["DefaultSMSType"] = "Transactional" },
        });
        var attributes = await sns.GetSMSAttributesAsync(new GetSMSAttributesRequest { Attributes = ["MonthlySpendLimit"] });
        var published = await sns.PublishAsync(new PublishRequest { PhoneNumber = "+15005550006", Message = "hello from the tests" });

        Assert.Equal("25", attributes.Attributes!["MonthlySpendLimit"]);
        Assert.False(string.IsNullOrEmpty(published.MessageId));
    }

    [MotoFact]
    public async Task Support_case_is_created_and_described_through_the_us_east_1_endpoint()
    {
        using var support = new AmazonAWSSupportClient(moto.Config("eu-west-1"));
        var subject = Unique("Exit SMS sandbox");

        var created = await support.CreateCaseAsync(new CreateCaseRequest
        {
            Subject = subject,
            CommunicationBody = "Please move the account out of the SMS sandbox in eu-west-1.",
            ServiceCode = "service-limit-increase",
            CategoryCode = "other",
            SeverityCode = "low",
            IssueType = "customer-service",
            Language = "en",
        });
        var described = await support.DescribeCasesAsync(new DescribeCasesRequest { CaseIdList = [created.CaseId!], IncludeResolvedCases = true });

        var found = Assert.Single(described.Cases!);
        Assert.Equal(created.CaseId, found.CaseId);
        Assert.Equal(subject, found.Subject);
        Assert.False(string.IsNullOrEmpty(found.Status));
    }

    [MotoFact]
    public async Task Service_quota_is_read_and_an_unknown_quota_is_a_typed_error()
    {
        using var quotas = new AmazonServiceQuotasClient(moto.Config());

        var quota = await quotas.GetServiceQuotaAsync(new GetServiceQuotaRequest { ServiceCode = "vpc", QuotaCode = "L-7E9ECCDB" });
        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            quotas.GetServiceQuotaAsync(new GetServiceQuotaRequest { ServiceCode = "sns", QuotaCode = "L-00000000" }));

        Assert.Equal("L-7E9ECCDB", quota.Quota!.QuotaCode);
        Assert.NotNull(quota.Quota.Value);
        Assert.Equal(ServiceQuotasErrorCodes.NoSuchResourceException, error.ErrorCode);
    }
}
