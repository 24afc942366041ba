using SmsOnboarding.Domain.Lifecycle;

namespace SmsOnboarding.Domain.Tests.Lifecycle;

public class OnboardingLifecycleTests
{
    [Fact]
    public void A_happy_onboarding_moves_from_submitted_to_completed()
    {
        var lifecycle = new OnboardingLifecycle();
        OnboardingTrigger[] triggers =
        [
            OnboardingTrigger.Start, OnboardingTrigger.AwaitAws, OnboardingTrigger.AwaitPeople,
            OnboardingTrigger.Resume, OnboardingTrigger.Finalize, OnboardingTrigger.Complete,
        ];
        foreach (var trigger in triggers)
        {
            lifecycle.Fire(trigger);
        }

        Assert.Equal(OnboardingStatus.Completed, lifecycle.Status);
    }

    [Fact]
    public void A_failed_onboarding_can_be_redriven_but_a_completed_one_cannot()
    {
        Assert.Equal(OnboardingStatus.Running, new OnboardingLifecycle(OnboardingStatus.Failed).Fire(OnboardingTrigger.Redrive));
        var completed = new OnboardingLifecycle(OnboardingStatus.Completed);
        var error = Assert.Throws<InvalidOperationException>(() => completed.Fire(OnboardingTrigger.Redrive));
        Assert.Contains("completed", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OnboardingStatus.Submitted)]
    [InlineData(OnboardingStatus.Running)]
    [InlineData(OnboardingStatus.WaitingOnAws)]
    [InlineData(OnboardingStatus.WaitingOnPeople)]
    [InlineData(OnboardingStatus.Finalizing)]
    public void Any_unfinished_onboarding_can_be_cancelled(OnboardingStatus status) =>
        Assert.Equal(OnboardingStatus.Cancelled, new OnboardingLifecycle(status).Fire(OnboardingTrigger.Cancel));

    [Theory]
    [InlineData(OnboardingStatus.Completed)]
    [InlineData(OnboardingStatus.Cancelled)]
    public void Finished_onboardings_take_no_trigger(OnboardingStatus status) =>
        Assert.All(Enum.GetValues<OnboardingTrigger>(), t => Assert.False(new OnboardingLifecycle(status).CanFire(t)));

    [Fact]
    public void Statuses_have_camel_case_wire_names()
    {
        Assert.Equal("waitingOnAws", OnboardingStatus.WaitingOnAws.ToWire());
        Assert.Equal("\"waitingOnPeople\"", System.Text.Json.JsonSerializer.Serialize(OnboardingStatus.WaitingOnPeople));
        Assert.True(OnboardingStatusNames.TryParse("finalizing", out var parsed));
        Assert.Equal(OnboardingStatus.Finalizing, parsed);
        Assert.False(OnboardingStatusNames.TryParse("3", out _));
    }

    [Fact]
    public void The_committed_lifecycle_diagram_is_current()
    {
        var path = Path.Combine(RepoRoot.Find(), "docs", "lifecycle.md");
        var expected = LifecycleDoc.Render(OnboardingLifecycle.MermaidDiagram());
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path) && File.ReadAllText(path) == expected,
            "docs/lifecycle.md is stale: run `UPDATE_DOCS=1 make test` (or `make docs`) and commit it.");
    }
}

internal static class LifecycleDoc
{
    public static string Render(string mermaid) =>
        "# Onboarding lifecycle\n\n"
        + "Generated from `OnboardingLifecycle` (services/SmsOnboarding.Domain/Lifecycle); a test fails when this file is stale.\n\n"
        + "```mermaid\n" + mermaid.TrimEnd() + "\n```\n";
}

public class OnboardingLifecycleFollowTests
{
    [Theory]
    [InlineData(OnboardingStatus.Running, OnboardingStatus.WaitingOnPeople, OnboardingStatus.WaitingOnPeople)]
    [InlineData(OnboardingStatus.WaitingOnAws, OnboardingStatus.Running, OnboardingStatus.Running)]
    [InlineData(OnboardingStatus.Finalizing, OnboardingStatus.Completed, OnboardingStatus.Completed)]
    [InlineData(OnboardingStatus.WaitingOnPeople, OnboardingStatus.Failed, OnboardingStatus.Failed)]
    [InlineData(OnboardingStatus.Running, OnboardingStatus.Cancelled, OnboardingStatus.Cancelled)]
    public void An_observed_status_the_lifecycle_permits_is_taken(OnboardingStatus from, OnboardingStatus observed, OnboardingStatus expected) =>
        Assert.Equal(expected, new OnboardingLifecycle(from).Follow(observed));

    [Theory]
    [InlineData(OnboardingStatus.Submitted, OnboardingStatus.WaitingOnAws, OnboardingStatus.WaitingOnAws)]
    [InlineData(OnboardingStatus.Submitted, OnboardingStatus.Completed, OnboardingStatus.Completed)]
    [InlineData(OnboardingStatus.Running, OnboardingStatus.Completed, OnboardingStatus.Completed)]
    [InlineData(OnboardingStatus.Failed, OnboardingStatus.WaitingOnAws, OnboardingStatus.WaitingOnAws)]
    public void A_status_seen_late_is_reached_through_the_steps_it_skipped(OnboardingStatus from, OnboardingStatus observed, OnboardingStatus expected) =>
        Assert.Equal(expected, new OnboardingLifecycle(from).Follow(observed));

    [Theory]
    [InlineData(OnboardingStatus.Completed, OnboardingStatus.Running)]
    [InlineData(OnboardingStatus.Cancelled, OnboardingStatus.WaitingOnAws)]
    [InlineData(OnboardingStatus.Completed, OnboardingStatus.Failed)]
    [InlineData(OnboardingStatus.Finalizing, OnboardingStatus.WaitingOnPeople)]
    [InlineData(OnboardingStatus.Running, OnboardingStatus.Submitted)]
    [InlineData(OnboardingStatus.Failed, OnboardingStatus.Submitted)]
    public void An_observation_the_lifecycle_does_not_permit_changes_nothing(OnboardingStatus from, OnboardingStatus observed) =>
        Assert.Equal(from, new OnboardingLifecycle(from).Follow(observed));
}

public class OnboardingLifecycleTryFireTests
{
    [Fact]
    public void A_trigger_the_lifecycle_does_not_permit_is_refused_without_a_change()
    {
        var running = new OnboardingLifecycle(OnboardingStatus.Running);
        Assert.False(running.TryFire(OnboardingTrigger.Redrive));
        Assert.Equal(OnboardingStatus.Running, running.Status);
        Assert.True(running.TryFire(OnboardingTrigger.Cancel));
        Assert.Equal(OnboardingStatus.Cancelled, running.Status);
    }
}
