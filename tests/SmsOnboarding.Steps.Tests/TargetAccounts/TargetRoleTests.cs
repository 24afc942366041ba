using System.Text.Json.Nodes;
using SmsOnboarding.Steps.Reminders;
using SmsOnboarding.Steps.TargetAccounts;

namespace SmsOnboarding.Steps.Tests.TargetAccounts;

public sealed class TargetRoleTests
{
    public static TheoryData<string> ActingSteps() => [.. StepCatalog.All.Where(TargetRole.ActsOnTargetAccount).Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(ActingSteps))]
    public void Each_steps_session_policy_fits_the_2048_characters_STS_allows_and_holds_exactly_its_grants_on_the_pools_account(string stepName)
    {
        var step = StepCatalog.Find(stepName)!;

        var policy = TargetRole.SessionPolicy(step.Permissions, "aws", "444455556666");

        Assert.True(policy.Length <= 2048, $"{stepName}'s session policy is {policy.Length} characters");
        var actions = JsonNode.Parse(policy)!["Statement"]!.AsArray().SelectMany(s => s!["Action"]!.AsArray().Select(a => (string)a!)).ToHashSet();
        Assert.Equal(TargetRole.GrantsFor(step).SelectMany(g => g.Actions).ToHashSet(), actions);
        Assert.DoesNotContain(actions, a => a.StartsWith("dynamodb:", StringComparison.Ordinal) || a == "sts:AssumeRole");
        Assert.DoesNotContain("{account}", policy, StringComparison.Ordinal);
    }

    [Fact]
    public void Steps_that_act_on_the_pools_account_may_assume_the_target_role_and_steps_that_do_not_may_not()
    {
        Assert.All(StepCatalog.All, step => Assert.Equal(TargetRole.ActsOnTargetAccount(step), step.Permissions.Contains(TargetRole.Assume)));
        Assert.Contains(StepCatalog.All, step => !TargetRole.ActsOnTargetAccount(step));
    }

    [Fact]
    public void The_target_roles_policy_is_every_acting_grant_once_and_nothing_of_the_services_own()
    {
        var grants = TargetRole.Grants();

        Assert.Equal(StepCatalog.All.SelectMany(TargetRole.GrantsFor).SelectMany(g => g.Actions).ToHashSet(), grants.SelectMany(g => g.Actions).ToHashSet());
        Assert.DoesNotContain(grants, g => g.Resources.Contains(ReminderTopic.CatalogArn) || g.Resources.Contains(TargetRole.AnyAccountArn));
        Assert.Equal(grants.Count, grants.Select(g => string.Join(',', g.Actions) + '|' + string.Join(',', g.Resources)).Distinct().Count());
    }
}
