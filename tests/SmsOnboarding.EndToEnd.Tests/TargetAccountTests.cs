using SmsOnboarding.Simulator.Scenarios;

namespace SmsOnboarding.EndToEnd.Tests;

/// <summary>Issue 12.1: a pool in a team's own account is onboarded there, through the target role the member side deploys.</summary>
public sealed class TargetAccountTests
{
    internal const string Payments = "444455556666";
    private const string Search = "777788889999";

    internal static SimulatorScenario Organisation() => Harness.Scenario(s => s with
    {
        Organization = new SimulatedOrganization
        {
            Id = "o-a1b2c3d4e5",
            Accounts =
            [
                new MemberAccount(Payments) { Scenario = Harness.Scenario(pools: new SeedUserPool("us-east-1", "payments") { Id = "us-east-1_Payments1" }) },
                new MemberAccount(Search) { Scenario = Harness.Scenario(pools: new SeedUserPool("eu-west-1", "search") { Id = "eu-west-1_Search1" }) },
            ],
        },
    });

    [Fact]
    public async Task A_pool_in_a_member_account_is_onboarded_there_as_the_onboardings_own_session_of_the_target_role()
    {
        await using var h = await Harness.StartAsync(Organisation());
        var execution = await h.Stack.StartOnboardingAsync(Harness.Request("us-east-1_Payments1", accountId: Payments));

        var run = await h.RunAsync(execution);

        Assert.True(run.Status == "SUCCEEDED", $"{run.Status} at {run.CurrentStep}: {run.Error}: {run.Cause}");
        var member = h.Stack.Simulator.AccountById(Payments)!;
        var session = $"arn:aws:sts::{Payments}:assumed-role/sms-onboarding-target/{execution[(execution.LastIndexOf(':') + 1)..]}";
        // CloudTrail in the team's account shows the onboarding acting: the pool, the SMS role and the case are theirs.
        foreach (var action in new[] { "cognito-idp:UpdateUserPool", "iam:CreateRole", "sns:CreateSMSSandboxPhoneNumber" })
        {
            Assert.Contains(member.Trail, e => e.PrincipalArn == session && e.Action == action && e.Allowed);
        }
        Assert.DoesNotContain(h.Stack.Simulator.Trail, e => e.Action == "cognito-idp:UpdateUserPool");
        Assert.DoesNotContain(member.Trail, e => !e.Allowed);
        // The account-level work happened in the member: it left the sandbox, the service account did not.
        Assert.False(member.IsInSandbox("us-east-1"));
        Assert.True(h.Stack.Simulator.IsInSandbox("us-east-1"));
        Assert.False(h.Stack.Simulator.HasUserPool("us-east-1", "us-east-1_Payments1"));
    }

    [Fact]
    public async Task Two_accounts_onboard_side_by_side_and_each_files_its_own_sandbox_case()
    {
        await using var h = await Harness.StartAsync(Organisation());
        var payments = await h.Stack.StartOnboardingAsync(Harness.Request("us-east-1_Payments1", accountId: Payments));
        var search = await h.Stack.StartOnboardingAsync(Harness.Request("eu-west-1_Search1", accountId: Search, countries: ["DE"], numbers: ["+4915112345678"]));
        var home = await h.Stack.StartOnboardingAsync(Harness.Request("us-east-1_Checkout1", numbers: ["+12065550111", "+12065550112"]));

        var runs = await h.RunAllAsync([payments, search, home]);

        Assert.All(runs, run => Assert.True(run.Status == "SUCCEEDED", $"{run.Status} at {run.CurrentStep}: {run.Error}: {run.Cause}"));
        Assert.False(h.Stack.Simulator.AccountById(Payments)!.IsInSandbox("us-east-1"));
        Assert.False(h.Stack.Simulator.AccountById(Search)!.IsInSandbox("eu-west-1"));
        Assert.False(h.Stack.Simulator.IsInSandbox("us-east-1"));
    }

    [Fact]
    public async Task An_account_without_the_member_side_fails_the_first_step_naming_the_account_and_the_role()
    {
        await using var h = await Harness.StartAsync(Organisation());
        var execution = await h.Stack.StartOnboardingAsync(Harness.Request("us-east-1_Payments1", accountId: "999988887777"));

        var run = await h.RunAsync(execution);

        Assert.Equal("FAILED", run.Status);
        Assert.Contains("999988887777", run.Cause, StringComparison.Ordinal);
        Assert.Contains("role/sms-onboarding/sms-onboarding-target", run.Cause, StringComparison.Ordinal);
        Assert.Contains("AccessDenied", run.Cause, StringComparison.Ordinal);
    }
}
