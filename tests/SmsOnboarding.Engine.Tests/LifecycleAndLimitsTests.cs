using System.Text.Json.Nodes;
using SmsOnboarding.Aws.StepFunctions.Model;
using SmsOnboarding.Engine.Tasks;

namespace SmsOnboarding.Engine.Tests;

public sealed class LifecycleAndLimitsTests
{
    private const string LongWait = """{"StartAt":"Wait","States":{"Wait":{"Type":"Wait","Seconds":86400,"Next":"Done"},"Done":{"Type":"Succeed"}}}""";

    [Fact]
    public async Task Execution_names_are_unique_and_StartExecution_is_idempotent_for_the_same_name_and_input()
    {
        await using var h = await EngineHarness.StartAsync();
        var machine = await h.CreateAsync(LongWait);
        var first = await h.StartAsync(machine, """{"a":1}""", "once");
        var again = await h.StartAsync(machine, """{"a":1}""", "once");
        var other = await Assert.ThrowsAsync<StepFunctionsException>(() => h.StartAsync(machine, """{"a":2}""", "once"));

        Assert.Equal(first, again);
        Assert.Equal("ExecutionAlreadyExists", other.ErrorCode);
        await h.Engine.StopExecutionAsync(new StopExecutionRequest { ExecutionArn = first });
        var closed = await Assert.ThrowsAsync<StepFunctionsException>(() => h.StartAsync(machine, """{"a":1}""", "once"));
        Assert.Equal("ExecutionAlreadyExists", closed.ErrorCode);
    }

    [Fact]
    public async Task StartExecution_is_idempotent_for_an_execution_resumed_from_disk()
    {
        await using var h = await EngineHarness.StartAsync();
        var machine = await h.CreateAsync(LongWait);
        var first = await h.Engine.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = machine, Input = """{"a":1}""", Name = "resumed" });
        await h.Engine.WaitForQuiescenceAsync();
        await h.ReopenAsync();

        var again = await h.Engine.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = machine, Input = """{"a":1}""", Name = "resumed" })
            .WaitAsync(TimeSpan.FromSeconds(30));
        var other = await Assert.ThrowsAsync<StepFunctionsException>(() => h.StartAsync(machine, """{"a":2}""", "resumed"));

        Assert.Equal(first.ExecutionArn, again.ExecutionArn);
        Assert.Equal(first.StartDate, again.StartDate);
        Assert.Equal("ExecutionAlreadyExists", other.ErrorCode);
    }

    [Fact]
    public async Task StartExecution_is_idempotent_for_a_redriven_execution()
    {
        await using var h = await EngineHarness.StartAsync();
        var machine = await h.CreateAsync(LongWait);
        var first = await h.Engine.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = machine, Input = """{"a":1}""", Name = "redriven" });
        await h.Engine.StopExecutionAsync(new StopExecutionRequest { ExecutionArn = first.ExecutionArn });
        await h.Engine.RedriveExecutionAsync(new RedriveExecutionRequest { ExecutionArn = first.ExecutionArn });

        var again = await h.Engine.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = machine, Input = """{"a":1}""", Name = "redriven" })
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(first.ExecutionArn, again.ExecutionArn);
        Assert.Equal(first.StartDate, again.StartDate);
    }

    [Fact]
    public async Task Invalid_definition_is_rejected_with_the_state_and_problem()
    {
        await using var h = await EngineHarness.StartAsync();
        var e = await Assert.ThrowsAsync<StepFunctionsException>(() => h.CreateAsync("""{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nowhere"}}}"""));

        Assert.Equal("InvalidDefinition", e.ErrorCode);
        Assert.Contains("Nowhere", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_aborts_a_waiting_execution_and_redrive_resumes_it_from_the_failed_state()
    {
        await using var h = await EngineHarness.StartAsync();
        var arn = await h.StartAsync(await h.CreateAsync(LongWait));
        await h.Engine.RunUntilIdleAsync();
        await h.Engine.StopExecutionAsync(new StopExecutionRequest { ExecutionArn = arn, Error = "Operator", Cause = "testing" });
        var stopped = await h.Engine.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = arn });
        Assert.Equal("ABORTED", stopped.Status);
        Assert.Equal("Operator", stopped.Error);

        await h.Engine.RedriveExecutionAsync(new RedriveExecutionRequest { ExecutionArn = arn });
        var done = await h.SettleAsync(arn, maxSteps: 5);
        Assert.Equal("RUNNING", done.Status);
        h.Fake.Advance(TimeSpan.FromDays(1));
        done = await h.SettleAsync(arn);

        Assert.Equal("SUCCEEDED", done.Status);
        Assert.Equal(1, done.RedriveCount);
        var succeeded = await Assert.ThrowsAsync<StepFunctionsException>(() => h.Engine.RedriveExecutionAsync(new RedriveExecutionRequest { ExecutionArn = arn }));
        Assert.Equal("ExecutionNotRedrivable", succeeded.ErrorCode);
    }

    [Fact]
    public async Task Output_over_256_KiB_fails_the_state_with_States_DataLimitExceeded()
    {
        await using var h = await EngineHarness.StartAsync();
        h.Engine.RegisterFunction("big", (_, _) => Task.FromResult<JsonNode?>(new string('x', 300 * 1024)));
        var result = await h.RunAsync("""{"StartAt":"Big","States":{"Big":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111122223333:function:big","End":true}}}""");

        Assert.Equal("FAILED", result.Status);
        Assert.Equal("States.DataLimitExceeded", result.Error);
    }

    [Fact]
    public async Task Execution_fails_with_States_Runtime_at_25000_history_events()
    {
        await using var h = await EngineHarness.StartAsync();
        var result = await h.RunAsync("""
            {"StartAt":"Loop","States":{"Loop":{"Type":"Pass","Next":"Again"},"Again":{"Type":"Choice","Choices":[{"Variable":"$.stop","BooleanEquals":true,"Next":"End"}],"Default":"Loop"},"End":{"Type":"Succeed"}}}
            """, """{"stop":false}""");

        Assert.Equal("FAILED", result.Status);
        Assert.Equal("States.Runtime", result.Error);
        var last = await h.Engine.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = result.ExecutionArn, ReverseOrder = true, MaxResults = 1 });
        Assert.Equal(25_000, last.Events![0].Id);
        Assert.Equal("ExecutionFailed", last.Events[0].Type);
    }

    [Fact]
    public async Task Execution_TimeoutSeconds_times_the_execution_out()
    {
        await using var h = await EngineHarness.StartAsync();
        var arn = await h.StartAsync(await h.CreateAsync(LongWait.Replace("{\"StartAt\"", "{\"TimeoutSeconds\":60,\"StartAt\"", StringComparison.Ordinal)));
        await h.Engine.RunUntilIdleAsync();
        h.Fake.Advance(TimeSpan.FromSeconds(60));

        var done = await h.Engine.WaitForExecutionAsync(arn);
        Assert.Equal("TIMED_OUT", done.Status);
    }

    [Fact]
    public async Task History_has_Step_Functions_event_types_ids_and_pages_in_both_orders()
    {
        await using var h = await EngineHarness.StartAsync();
        h.Engine.RegisterFunction("id", (i, _) => Task.FromResult(i.Payload));
        var result = await h.RunAsync("""
            {"StartAt":"P","States":{"P":{"Type":"Pass","Next":"T"},"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"id","Payload.$":"$"},"OutputPath":"$.Payload","Next":"W"},
              "W":{"Type":"Wait","Seconds":5,"End":true}}}
            """, """{"k":"v"}""");
        var arn = result.ExecutionArn!;
        var all = await h.HistoryAsync(arn);

        Assert.Equal(["ExecutionStarted", "PassStateEntered", "PassStateExited", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded",
            "TaskStateExited", "WaitStateEntered", "WaitStateExited", "ExecutionSucceeded"], all.Select(e => e.Type));
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long?)i), all.Select(e => e.Id));
        Assert.Equal(Enumerable.Range(0, all.Count).Select(i => (long?)i), all.Select(e => e.PreviousEventId));
        Assert.Equal("""{"k":"v"}""", all[0].ExecutionStartedEventDetails!.Input);
        Assert.Equal("T", all[3].StateEnteredEventDetails!.Name);

        var page1 = await h.Engine.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = arn, MaxResults = 4, ReverseOrder = true, IncludeExecutionData = false });
        var page2 = await h.Engine.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = arn, MaxResults = 4, ReverseOrder = true, NextToken = page1.NextToken });
        Assert.Equal([11L, 10, 9, 8, 7, 6, 5, 4], page1.Events!.Concat(page2.Events!).Select(e => e.Id!.Value));
        Assert.Null(page1.Events![0].ExecutionSucceededEventDetails!.Output);
    }

    [Fact]
    public async Task ListExecutions_filters_by_status_and_pages()
    {
        await using var h = await EngineHarness.StartAsync();
        var machine = await h.CreateAsync(LongWait);
        var arns = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            arns.Add(await h.StartAsync(machine, "{}", $"e{i}"));
        }
        await h.Engine.StopExecutionAsync(new StopExecutionRequest { ExecutionArn = arns[0] });
        var running = await h.Engine.ListExecutionsAsync(new ListExecutionsRequest { StateMachineArn = machine, StatusFilter = "RUNNING", MaxResults = 3 });
        var rest = await h.Engine.ListExecutionsAsync(new ListExecutionsRequest { StateMachineArn = machine, StatusFilter = "RUNNING", MaxResults = 3, NextToken = running.NextToken });
        var aborted = await h.Engine.ListExecutionsAsync(new ListExecutionsRequest { StateMachineArn = machine, StatusFilter = "ABORTED" });

        Assert.Equal(["e4", "e3", "e2", "e1"], running.Executions!.Concat(rest.Executions!).Select(e => e.Name));
        Assert.Null(rest.NextToken);
        Assert.Equal("e0", Assert.Single(aborted.Executions!).Name);
    }

    [Fact]
    public async Task Handler_signals_a_modelled_failure_with_TaskFailedException()
    {
        await using var h = await EngineHarness.StartAsync();
        h.Engine.RegisterFunction("quota", (_, _) => throw new TaskFailedException("Quota.Denied", "limit reached"));
        var result = await h.RunAsync("""{"StartAt":"Q","States":{"Q":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"quota"},"End":true}}}""");

        Assert.Equal("Quota.Denied", result.Error);
        Assert.Equal("limit reached", result.Cause);
    }
}
