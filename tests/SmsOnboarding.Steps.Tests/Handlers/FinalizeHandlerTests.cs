using SmsOnboarding.Aws.CognitoIdentityProvider.Model;
using SmsOnboarding.Steps.Finalize;
using SmsOnboarding.Steps.Handlers;

namespace SmsOnboarding.Steps.Tests.Handlers;

public sealed class FinalizeHandlerTests
{
    [Fact]
    public void Every_member_UpdateUserPool_accepts_is_copied_and_the_legacy_validity_field_is_dropped()
    {
        var pool = new UserPoolType
        {
            Id = "us-east-1_Checkout1",
            Name = "checkout",
            MfaConfiguration = "OPTIONAL",
            LambdaConfig = new LambdaConfigType { PreSignUp = "arn:aws:lambda:us-east-1:111122223333:function:pre" },
            UserPoolTags = new Dictionary<string, string> { ["team"] = "checkout" },
            Policies = new UserPoolPolicyType { PasswordPolicy = new PasswordPolicyType { TemporaryPasswordValidityDays = 3 } },
            AdminCreateUserConfig = new AdminCreateUserConfigType { AllowAdminCreateUserOnly = true, UnusedAccountValidityDays = 3 },
        };
        var sms = new SmsConfigurationType { SnsCallerArn = "arn:aws:iam::111122223333:role/sms-onboarding/sms-x", ExternalId = "ext-1", SnsRegion = "us-east-1" };

        var (request, copied) = FinalizeHandler.BuildUpdate(pool, sms);

        var accepted = typeof(UpdateUserPoolRequest).GetProperties().Select(p => p.Name).Except(FinalizeHandler.NotCopiedByName);
        Assert.All(accepted, name => Assert.Contains(name, copied));
        Assert.Equal("checkout", request.PoolName);
        Assert.Equal("OPTIONAL", request.MfaConfiguration);
        Assert.Equal("arn:aws:lambda:us-east-1:111122223333:function:pre", request.LambdaConfig!.PreSignUp);
        Assert.Equal("checkout", request.UserPoolTags!["team"]);
        Assert.True(request.AdminCreateUserConfig!.AllowAdminCreateUserOnly);
        Assert.Null(request.AdminCreateUserConfig.UnusedAccountValidityDays);
        Assert.Equal(3, pool.AdminCreateUserConfig!.UnusedAccountValidityDays);
        Assert.Same(sms, request.SmsConfiguration);
    }

    [Fact]
    public void Differences_name_every_top_level_member_that_changed()
    {
        var before = new UserPoolType { Id = "p", MfaConfiguration = "OPTIONAL", EmailVerificationSubject = "Hi" };
        var after = new UserPoolType { Id = "p", MfaConfiguration = "OFF" };

        Assert.Equal(["EmailVerificationSubject", "MfaConfiguration"], FinalizeHandler.Differences(before, after));
    }
}
