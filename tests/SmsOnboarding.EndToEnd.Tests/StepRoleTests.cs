using SmsOnboarding.Steps;

namespace SmsOnboarding.EndToEnd.Tests;

/// <summary>Each step acts as its own function's role, whose policy is exactly its catalog grants (issue 11.1).</summary>
public sealed class StepRoleTests
{
    [Theory]
    [InlineData("EnsureSmsRole", "iam:CreateRole")]
    [InlineData("CheckSandbox", "sns:GetSMSSandboxAccountStatus")]
    [InlineData("SendVerificationCode", "sns:CreateSMSSandboxPhoneNumber")]
    [InlineData("AdvanceOrigination", "sms-voice:CreateRegistrationAssociation")]
    [InlineData("SetSpendLimit", "sns:SetSMSAttributes")]
    [InlineData("Finalize", "cognito-idp:UpdateUserPool")]
    [InlineData("SendTestMessage", "cognito-idp:AdminCreateUser")]
    public async Task A_grant_taken_from_a_step_fails_the_onboarding_with_access_denied_naming_it(string stepName, string action)
    {
        Assert.Contains(StepCatalog.Find(stepName)!.Permissions, g => g.Actions.Contains(action));
        await using var h = await Harness.StartAsync(Harness.Scenario(), stepPermissions: step => step.Name == stepName ? Without(step.Permissions, action) : step.Permissions);

        var run = await h.RunAsync(await h.Stack.StartOnboardingAsync(Harness.Request()));

        Assert.Equal("FAILED", run.Status);
        Assert.Contains($"assumed-role/{StepCatalog.FunctionName(stepName)}-role/", run.Cause);
        Assert.Contains($"not authorized to perform: {action}", run.Cause);
    }

    [Fact]
    public async Task With_every_grant_the_same_onboarding_completes()
    {
        await using var h = await Harness.StartAsync(Harness.Scenario());

        var run = await h.RunAsync(await h.Stack.StartOnboardingAsync(Harness.Request()));

        Assert.True(run.Status == "SUCCEEDED", $"{run.Status} at {run.CurrentStep}: {run.Error}: {run.Cause}");
    }

    // IAM refuses a policy without statements, so a step left with no grant keeps one the workflow never uses.
    private static IReadOnlyList<IamGrant> Without(IReadOnlyList<IamGrant> grants, string action)
    {
        IReadOnlyList<IamGrant> left = [.. grants.Select(g => g with { Actions = [.. g.Actions.Where(a => a != action)] }).Where(g => g.Actions.Count > 0)];
        return left.Count > 0 ? left : [StepGrants.Any("sns:ListTopics")];
    }
}
