using SmsOnboarding.Steps;

namespace SmsOnboarding.EndToEnd.Tests;

/// <summary>Each step acts as its own function's role, whose policy is exactly its catalog grants (issue 11.1).</summary>
public sealed class StepRoleTests
{
    [Fact]
    public async Task With_every_grant_the_same_onboarding_completes()
    {
        await using var h = await Harness.StartAsync(Harness.Scenario());

        var run = await h.RunAsync(await h.Stack.StartOnboardingAsync(Harness.Request()));

        Assert.True(run.Status == "SUCCEEDED", $"{run.Status} at {run.CurrentStep}: {run.Error}: {run.Cause}");
    }
}
