using System.Text.Json.Nodes;
using SmsOnboarding.Domain.Policies;

namespace SmsOnboarding.Domain.Tests.Policies;

public class SmsRolePoliciesTests
{
    [Fact]
    public void Trust_policy_limits_cognito_by_account_pool_and_external_id()
    {
        var expected = JsonNode.Parse("""
            {
              "Version": "2012-10-17",
              "Statement": [{
                "Effect": "Allow",
                "Principal": { "Service": "cognito-idp.amazonaws.com" },
                "Action": "sts:AssumeRole",
                "Condition": {
                  "StringEquals": { "aws:SourceAccount": "111122223333", "sts:ExternalId": "ext-123" },
                  "ArnLike": { "aws:SourceArn": "arn:aws:cognito-idp:eu-central-1:111122223333:userpool/eu-central-1_AbC123" }
                }
              }]
            }
            """);
        var pool = SmsRolePolicies.UserPoolArn("eu-central-1", "111122223333", "eu-central-1_AbC123");

        Assert.True(JsonNode.DeepEquals(expected, SmsRolePolicies.TrustPolicy("111122223333", pool, "ext-123")));
    }

    [Fact]
    public void A_wildcard_source_arn_covers_every_pool_of_the_account_in_the_region() =>
        Assert.Equal("arn:aws:cognito-idp:us-east-1:111122223333:userpool/*", SmsRolePolicies.UserPoolArnWildcard("us-east-1", "111122223333"));

    [Fact]
    public void Publish_policy_allows_only_sns_publish()
    {
        var expected = JsonNode.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sns:Publish","Resource":"*"}]}""");
        Assert.True(JsonNode.DeepEquals(expected, SmsRolePolicies.PublishPolicy()));
    }

    [Fact]
    public void Role_lives_under_the_sms_onboarding_path_and_fits_iam_name_limits()
    {
        var longestPoolId = "ap-southeast-4_" + new string('a', 40);
        Assert.True(SmsRolePolicies.RoleName(longestPoolId).Length <= 64);
        Assert.Equal("arn:aws:iam::111122223333:role/sms-onboarding/sms-us-east-1_Abc", SmsRolePolicies.RoleArn("111122223333", "us-east-1_Abc"));
    }

    [Fact]
    public void Pool_arns_use_the_partition_of_their_region() =>
        Assert.StartsWith("arn:aws-cn:", SmsRolePolicies.UserPoolArn("cn-north-1", "111122223333", "cn-north-1_X"), StringComparison.Ordinal);
}
