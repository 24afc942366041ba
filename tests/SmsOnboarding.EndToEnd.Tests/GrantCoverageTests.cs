using System.Text.Json;
using SmsOnboarding.Steps;

namespace SmsOnboarding.EndToEnd.Tests;

/// <summary>
/// Every grant in <see cref="StepCatalog"/> is needed (issue 11): some scenario calls it as that step's role, and
/// taking it away makes that scenario meet AWS's AccessDenied. Which scenario uses which grant is read from the
/// simulated account's trail, not written here, so a new grant without a scenario fails on its own.
/// </summary>
public sealed class GrantCoverageTests(GrantCoverage coverage) : IClassFixture<GrantCoverage>
{
    /// <summary>
    /// Refusals that by design do not fail the run but show in its history: a refused case channel hands the case over
    /// to a person with AWS's refusal as the reason (issue 11.3); a reminder that cannot be published is reported
    /// as failed on the task it was for, which still waits for its person.
    /// </summary>
    private static readonly HashSet<(string Step, string Action)> ShownNotFailed =
    [
        ("OpenCase", "servicequotas:ListServiceQuotas"),
        ("OpenCase", "servicequotas:RequestServiceQuotaIncrease"),
        ("RegisterHumanTask", "sns:Publish"),
    ];

    /// <summary>Every action a step is granted, but DynamoDB's: the local stores are SQLite, so no local call can use them.</summary>
    public static TheoryData<string, string> Grants()
    {
        var data = new TheoryData<string, string>();
        foreach (var (step, action) in StepCatalog.All
            .SelectMany(s => s.Permissions.SelectMany(g => g.Actions).Distinct().Select(a => (s.Name, a)))
            .Where(p => !p.a.StartsWith("dynamodb:", StringComparison.Ordinal)))
        {
            data.Add(step, action);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Grants))]
    public async Task Every_grant_is_used_by_a_scenario_and_taking_it_away_meets_access_denied(string step, string action)
    {
        var scenario = coverage.FirstUser(step, action);
        Assert.True(scenario is not null, $"No scenario calls {action} as {step}'s role: the grant is unused, or a scenario is missing.");
        await using var h = await Harness.StartAsync(scenario.Account(), nobodyAnswers: scenario.NobodyAnswers,
            stepPermissions: s => s.Name == step ? Without(s.Permissions, action) : s.Permissions);

        var (run, arn) = await scenario.RunAsync(h);

        var refusal = $"assumed-role/{StepCatalog.FunctionName(step)}-role/";
        if (ShownNotFailed.Contains((step, action)))
        {
            var history = JsonSerializer.Serialize(await h.Stack.HistoryAsync(arn));
            Assert.Contains($"is not authorized to perform: {action}", history, StringComparison.Ordinal);
            return;
        }
        Assert.True(run.Status == "FAILED", $"{scenario.Name} without {action} for {step}: {run.Status}");
        Assert.Contains(refusal, run.Cause, StringComparison.Ordinal);
        Assert.Contains($"not authorized to perform: {action}", run.Cause, StringComparison.Ordinal);
    }

    // IAM refuses a policy without statements, so a step left with no grant keeps one the workflow never uses.
    internal static IReadOnlyList<IamGrant> Without(IReadOnlyList<IamGrant> grants, string action)
    {
        IReadOnlyList<IamGrant> left = [.. grants.Select(g => g with { Actions = [.. g.Actions.Where(a => a != action)] }).Where(g => g.Actions.Count > 0)];
        return left.Count > 0 ? left : [StepGrants.Any("sns:ListTopics")];
    }
}
