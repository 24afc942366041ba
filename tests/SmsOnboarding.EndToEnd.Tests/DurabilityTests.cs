using System.Text.Json.Nodes;
using SmsOnboarding.Aws.SimpleNotificationService.Model;
using SmsOnboarding.Simulator.Scenarios;
using SmsOnboarding.Steps.HumanTasks;

namespace SmsOnboarding.EndToEnd.Tests;

public sealed class DurabilityTests
{
    [Fact]
    public async Task Engine_restart_mid_run_completes_without_duplicate_side_effects()
    {
        await using var h = await Harness.StartAsync(Harness.Scenario());
        var arn = await h.Stack.StartOnboardingAsync(Harness.Request(numbers: ["+12065550101"]));
        await h.Stack.RunUntilIdleAsync();
        var codesBefore = h.Stack.Simulator.MessagesTo("+12065550101").Count;
        Assert.Single(await h.Stack.Inbox.ListPendingAsync(arn));

        await h.RestartEngineAsync();
        var run = await h.RunAsync(arn);

        Assert.True(run.Status == "SUCCEEDED", $"{run.Status} at {run.CurrentStep}: {run.Error}: {run.Cause}");
        Assert.Equal(1, codesBefore);
        Assert.Single(await ScenarioTests.CasesAsync(h), c => c.Subject!.Contains("sandbox", StringComparison.OrdinalIgnoreCase));
        var quotaRequests = await h.Stack.Aws.ServiceQuotas("us-east-1").ListRequestedServiceQuotaChangeHistoryByQuotaAsync(new() { ServiceCode = "sns", QuotaCode = "L-SMS0SPND" });
        Assert.Single(quotaRequests.RequestedQuotas!);
        // One code SMS and one test SMS: nothing was sent twice across the restart.
        Assert.Equal(2, h.Stack.Simulator.MessagesTo("+12065550101").Count);
    }

    [Fact]
    public async Task Pool_with_triggers_mfa_email_settings_and_tags_keeps_them_all_after_finalize()
    {
        var configuration = new JsonObject
        {
            ["LambdaConfig"] = new JsonObject { ["PreSignUp"] = "arn:aws:lambda:us-east-1:111122223333:function:pre-sign-up", ["PostConfirmation"] = "arn:aws:lambda:us-east-1:111122223333:function:welcome" },
            ["MfaConfiguration"] = "OPTIONAL",
            ["EmailConfiguration"] = new JsonObject { ["EmailSendingAccount"] = "COGNITO_DEFAULT", ["ReplyToEmailAddress"] = "help@checkout.example.com" },
            ["UserPoolTags"] = new JsonObject { ["team"] = "checkout", ["cost-center"] = "42" },
            ["Policies"] = new JsonObject { ["PasswordPolicy"] = new JsonObject { ["MinimumLength"] = 12, ["RequireSymbols"] = true, ["TemporaryPasswordValidityDays"] = 3 } },
            ["AdminCreateUserConfig"] = new JsonObject { ["AllowAdminCreateUserOnly"] = true },
            ["DeletionProtection"] = "ACTIVE",
        };
        var scenario = Harness.Scenario(pools: new SeedUserPool("us-east-1", "checkout") { Id = "us-east-1_Checkout1", Configuration = configuration });
        await using var h = await Harness.StartAsync(scenario);
        var cognito = h.Stack.Aws.Cognito("us-east-1");
        var before = (await cognito.DescribeUserPoolAsync(new() { UserPoolId = "us-east-1_Checkout1" })).UserPool!;
        var arn = await h.Stack.StartOnboardingAsync(Harness.Request());

        var run = await h.RunAsync(arn);

        Assert.True(run.Status == "SUCCEEDED", $"{run.Status} at {run.CurrentStep}: {run.Error}: {run.Cause}");
        var after = (await cognito.DescribeUserPoolAsync(new() { UserPoolId = "us-east-1_Checkout1" })).UserPool!;
        Assert.Equal("arn:aws:lambda:us-east-1:111122223333:function:pre-sign-up", after.LambdaConfig!.PreSignUp);
        Assert.Equal("arn:aws:lambda:us-east-1:111122223333:function:welcome", after.LambdaConfig.PostConfirmation);
        Assert.Equal("OPTIONAL", after.MfaConfiguration);
        Assert.Equal("help@checkout.example.com", after.EmailConfiguration!.ReplyToEmailAddress);
        Assert.Equal("42", after.UserPoolTags!["cost-center"]);
        Assert.Equal(12, after.Policies!.PasswordPolicy!.MinimumLength);
        Assert.Equal("ACTIVE", after.DeletionProtection);
        Assert.Equal(before.Name, after.Name);
        Assert.NotNull(after.SmsConfiguration?.SnsCallerArn);
    }
}
