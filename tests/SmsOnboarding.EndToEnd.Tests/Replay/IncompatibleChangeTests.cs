using System.Text.Json.Nodes;
using SmsOnboarding.Asl;
using SmsOnboarding.Serve.Deployment;

namespace SmsOnboarding.EndToEnd.Tests.Replay;

/// <summary>
/// The replay check fails on the changes decision 0016 forbids within a contract version. Each test changes a recorded
/// history (or today's ASL) the way an incompatible change would look from the other side, and reads the failure.
/// </summary>
public sealed class IncompatibleChangeTests
{
    private const string Scenario = "happy-path";

    [Fact]
    public void A_renamed_required_member_fails_naming_scenario_step_and_both_names()
    {
        // What today's contract sees when PoolInfo.SnsRegion was renamed: payloads written before carry the old name.
        var history = ReplayTests.Load(Scenario);
        Rename(Step(history, "CheckSpend")["input"]!["pool"]!.AsObject(), "snsRegion", "smsRegion");

        var problems = HistoryReplay.Today().Problems(history);

        Assert.Contains("happy-path: state CheckSpend (step CheckSpend): recorded input: required member $.pool.snsRegion is absent from the recorded payload", problems);
        Assert.Contains("happy-path: state CheckSpend (step CheckSpend): recorded input: member $.pool.smsRegion is recorded but today's contract drops it (renamed or removed?)", problems);
    }

    [Fact]
    public void A_renamed_member_of_the_state_data_fails_where_todays_parameters_select_it()
    {
        var history = ReplayTests.Load(Scenario);
        Rename(Step(history, "CheckSpend")["stateInput"]!.AsObject(), "pool", "userPool");

        var problems = HistoryReplay.Today().Problems(history);

        Assert.Contains(problems, p => p.StartsWith("happy-path: state CheckSpend (step CheckSpend): today's Parameters over the recorded state input: ", StringComparison.Ordinal)
            && p.Contains("$.pool", StringComparison.Ordinal));
    }

    [Fact]
    public void A_member_whose_type_changed_fails_naming_it()
    {
        var history = ReplayTests.Load(Scenario);
        Step(history, "SendCode")["input"]!["settings"]!["maxCodeSendsPerDay"] = "five";

        var problem = Assert.Single(HistoryReplay.Today().Problems(history));

        Assert.StartsWith("happy-path: state SendCode (step SendVerificationCode): recorded input: member $.settings.maxCodeSendsPerDay does not read: ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_member_renamed_under_todays_result_selector_fails_at_the_selector()
    {
        // SendCode's ResultSelector picks $.Payload.limited: an older output without it would stop a running execution.
        var history = ReplayTests.Load(Scenario);
        Rename(Step(history, "SendCode")["output"]!.AsObject(), "limited", "rateLimited");

        var problems = HistoryReplay.Today().Problems(history);

        Assert.Contains("happy-path: state SendCode (step SendVerificationCode): recorded output: member $.rateLimited is recorded but today's contract drops it (renamed or removed?)", problems);
        Assert.Contains(problems, p => p.StartsWith("happy-path: state SendCode (step SendVerificationCode): today's ResultSelector/ResultPath cannot take the recorded output: ", StringComparison.Ordinal)
            && p.Contains("$.Payload.limited", StringComparison.Ordinal));
    }

    [Fact]
    public void An_output_member_renamed_under_todays_choice_rule_fails_at_the_choice()
    {
        // OriginationActive routes on $.origination.value.action: an older output without it would stop the execution there.
        var history = ReplayTests.Load(Scenario);
        Rename(Step(history, "AdvanceOrigination")["output"]!.AsObject(), "action", "stage");

        var problems = HistoryReplay.Today().Problems(history);

        Assert.Contains("happy-path: state AdvanceOrigination (step AdvanceOrigination): recorded output: required member $.action is absent from the recorded payload", problems);
        Assert.Contains(problems, p => p.StartsWith("happy-path: state AdvanceOrigination (step AdvanceOrigination): the recorded output does not pass through OriginationActive: ", StringComparison.Ordinal)
            && p.Contains("$.origination.value.action", StringComparison.Ordinal));
    }

    [Fact]
    public void A_step_that_is_no_longer_in_the_catalog_fails_naming_it()
    {
        var history = ReplayTests.Load(Scenario);
        Step(history, "CheckSpend")["step"] = "CheckSpendLimit";

        var problem = Assert.Single(HistoryReplay.Today().Problems(history));

        Assert.StartsWith("happy-path: state CheckSpend (step CheckSpendLimit): step CheckSpendLimit is no longer in the step catalog", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_state_that_now_runs_another_step_fails_naming_both()
    {
        var history = ReplayTests.Load(Scenario);
        var step = Step(history, "SetSpendLimit");
        step["state"] = "CheckSpend";

        var problems = HistoryReplay.Today().Problems(history);

        Assert.Contains("happy-path: state CheckSpend (step SetSpendLimit): state CheckSpend no longer runs SetSpendLimit", problems);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void A_contract_version_the_step_does_not_read_fails_naming_both_versions(int recorded)
    {
        var history = ReplayTests.Load(Scenario);
        Step(history, "CheckSpend")["contractVersion"] = recorded;

        var problem = Assert.Single(HistoryReplay.Today().Problems(history));

        Assert.Equal($"happy-path: state CheckSpend (step CheckSpend): recorded under contract version {recorded}, but CheckSpend reads only version 1; "
            + $"keep the version-{recorded} contract beside the new one until its executions have closed (decision 0016)", problem);
    }

    [Fact]
    public void Removing_or_renaming_a_state_that_recorded_executions_were_in_fails()
    {
        // The recorded executions waited in Sandbox.WaitForReview; a definition without it strands any still waiting there.
        var renamed = LocalDeployment.Definition().Replace("\"Sandbox.WaitForReview\"", "\"Sandbox.AwaitReview\"", StringComparison.Ordinal);
        var replay = new HistoryReplay(StateMachineDefinition.Parse(renamed));

        var problems = replay.Problems(ReplayTests.Load(Scenario));

        Assert.Equal(
            ["happy-path: state Sandbox.WaitForReview is no longer in the ASL, but executions recorded in it may still be there (decision 0016: keep it until they have closed)"],
            problems);
    }

    private static JsonObject Step(JsonObject history, string state) =>
        history["steps"]!.AsArray().Select(s => s!.AsObject()).First(s => (string?)s["state"] == state);

    private static void Rename(JsonObject members, string from, string to)
    {
        var value = members[from];
        Assert.True(members.Remove(from), $"the recorded payload has no {from}");
        members[to] = value;
    }
}
