using System.Text.Json.Nodes;
using SmsOnboarding.Engine.Tasks;

namespace SmsOnboarding.Engine.Tests;

public sealed class CoreExecutionTests
{
    [Fact]
    public async Task Pass_and_Choice_states_run_to_the_succeeding_branch_with_data_flow_applied()
    {
        await using var h = await EngineHarness.StartAsync();
        var result = await h.RunAsync("""
            {"StartAt":"Seed","States":{
              "Seed":{"Type":"Pass","Result":{"n":3},"ResultPath":"$.seed","Next":"Pick"},
              "Pick":{"Type":"Choice","Choices":[{"Variable":"$.seed.n","NumericGreaterThan":2,"Next":"Big"}],"Default":"Small"},
              "Big":{"Type":"Pass","Parameters":{"size":"big","n.$":"$.seed.n","exec.$":"$$.Execution.Name"},"End":true},
              "Small":{"Type":"Fail","Error":"Small","Cause":"too small"}}}
            """, """{"keep":true}""");

        Assert.Equal("SUCCEEDED", result.Status);
        var output = EngineHarness.Parse(result.Output)!;
        Assert.Equal("big", (string?)output["size"]);
        Assert.Equal(3, (int?)output["n"]);
        Assert.Equal(result.Name, (string?)output["exec"]);
    }

    [Fact]
    public async Task Lambda_invoke_returns_the_Step_Functions_integration_shape_with_the_handler_result_as_Payload()
    {
        await using var h = await EngineHarness.StartAsync();
        h.Engine.RegisterFunction("sms-onboarding-Echo", (invocation, _) =>
            Task.FromResult<JsonNode?>(new JsonObject { ["echo"] = invocation.Payload?.DeepClone(), ["key"] = invocation.IdempotencyKey }));
        var result = await h.RunAsync("""
            {"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
              "Parameters":{"FunctionName":"arn:aws:lambda:us-east-1:111122223333:function:sms-onboarding-Echo:live","Payload":{"x.$":"$.x"}},
              "End":true}}}
            """, """{"x":42}""");

        Assert.Equal("SUCCEEDED", result.Status);
        var output = EngineHarness.Parse(result.Output)!;
        Assert.Equal(200, (int?)output["StatusCode"]);
        Assert.Equal("$LATEST", (string?)output["ExecutedVersion"]);
        Assert.NotNull(output["SdkHttpMetadata"]);
        Assert.NotNull(output["SdkResponseMetadata"]?["RequestId"]);
        Assert.Equal(42, (int?)output["Payload"]!["echo"]!["x"]);
        Assert.StartsWith(result.ExecutionArn + "/", (string?)output["Payload"]!["key"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bare_lambda_arn_result_is_the_handler_result_itself()
    {
        await using var h = await EngineHarness.StartAsync();
        h.Engine.RegisterFunction("double", (invocation, _) => Task.FromResult<JsonNode?>((int)invocation.Payload!["n"]! * 2));
        var result = await h.RunAsync("""
            {"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111122223333:function:double","ResultPath":"$.doubled","End":true}}}
            """, """{"n":21}""");

        Assert.Equal("""{"n":21,"doubled":42}""", result.Output);
    }

    [Fact]
    public async Task Retry_backs_off_on_the_clock_and_the_attempt_number_grows_with_the_same_idempotency_key()
    {
        await using var h = await EngineHarness.StartAsync();
        var seen = new List<(int Attempt, string Key)>();
        h.Engine.RegisterFunction("flaky", (invocation, _) =>
        {
            lock (seen)
            {
                seen.Add((invocation.Attempt, invocation.IdempotencyKey));
            }
            return invocation.Attempt < 3
                ? throw new TaskFailedException("Flaky.Busy", "try again")
                : Task.FromResult<JsonNode?>("ok");
        });
        var started = h.Clock.GetUtcNow();
        var result = await h.RunAsync("""
            {"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111122223333:function:flaky",
              "Retry":[{"ErrorEquals":["Flaky.Busy"],"IntervalSeconds":10,"BackoffRate":3,"MaxAttempts":5}],"End":true}}}
            """);

        Assert.Equal("SUCCEEDED", result.Status);
        Assert.Equal("\"ok\"", result.Output);
        Assert.Equal([1, 2, 3], seen.Select(s => s.Attempt));
        Assert.Single(seen.Select(s => s.Key).Distinct());
        // 10 s then 30 s of backoff elapsed on the fake clock (the harness steps 1 s at a time).
        Assert.InRange((h.Clock.GetUtcNow() - started).TotalSeconds, 40, 42);
    }

    [Fact]
    public async Task Catch_sends_the_error_output_to_the_catcher_state_after_retries_are_exhausted()
    {
        await using var h = await EngineHarness.StartAsync();
        var calls = 0;
        h.Engine.RegisterFunction("broken", (_, _) =>
        {
            Interlocked.Increment(ref calls);
            throw new InvalidOperationException("boom");
        });
        var result = await h.RunAsync("""
            {"StartAt":"Call","States":{
              "Call":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111122223333:function:broken",
                "Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":1,"MaxAttempts":2}],
                "Catch":[{"ErrorEquals":["InvalidOperationException"],"ResultPath":"$.error","Next":"Handled"}],"End":true},
              "Handled":{"Type":"Pass","End":true}}}
            """, """{"a":1}""");

        Assert.Equal("SUCCEEDED", result.Status);
        Assert.Equal(3, calls);
        var output = EngineHarness.Parse(result.Output)!;
        Assert.Equal(1, (int?)output["a"]);
        Assert.Equal("InvalidOperationException", (string?)output["error"]!["Error"]);
        var cause = JsonNode.Parse((string)output["error"]!["Cause"]!)!;
        Assert.Equal("boom", (string?)cause["errorMessage"]);
        Assert.Equal("InvalidOperationException", (string?)cause["errorType"]);
    }

    [Fact]
    public async Task Unknown_function_fails_the_task_like_Lambda_ResourceNotFound()
    {
        await using var h = await EngineHarness.StartAsync();
        var result = await h.RunAsync("""
            {"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"nobody","Payload":{}},"End":true}}}
            """);

        Assert.Equal("FAILED", result.Status);
        Assert.Equal("Lambda.ResourceNotFoundException", result.Error);
    }

    [Fact]
    public async Task Fail_state_fails_the_execution_with_its_error_and_cause()
    {
        await using var h = await EngineHarness.StartAsync();
        var result = await h.RunAsync("""{"StartAt":"No","States":{"No":{"Type":"Fail","Error":"Custom.Error","Cause":"because"}}}""");

        Assert.Equal("FAILED", result.Status);
        Assert.Equal("Custom.Error", result.Error);
        Assert.Equal("because", result.Cause);
    }

    [Fact]
    public async Task Parallel_and_Map_collect_branch_and_item_outputs_in_order()
    {
        await using var h = await EngineHarness.StartAsync();
        h.Engine.RegisterFunction("square", (i, _) => Task.FromResult<JsonNode?>((int)i.Payload!["v"]! * (int)i.Payload!["v"]!));
        var result = await h.RunAsync("""
            {"StartAt":"Both","States":{"Both":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"Squares","States":{"Squares":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":2,
                 "ItemSelector":{"v.$":"$$.Map.Item.Value","i.$":"$$.Map.Item.Index"},
                 "ItemProcessor":{"StartAt":"Sq","States":{"Sq":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111122223333:function:square","End":true}}},
                 "End":true}}},
              {"StartAt":"Count","States":{"Count":{"Type":"Pass","Parameters":{"n.$":"States.ArrayLength($.items)"},"End":true}}}]}}}
            """, """{"items":[1,2,3,4,5]}""");

        Assert.Equal("SUCCEEDED", result.Status);
        Assert.Equal("""[[1,4,9,16,25],{"n":5}]""", result.Output);
    }

    [Fact]
    public async Task Map_iteration_failure_fails_the_map_with_that_error_unless_tolerated()
    {
        await using var h = await EngineHarness.StartAsync();
        var definition = """
            {"StartAt":"Each","States":{"Each":{"Type":"Map","ToleratedFailureCount":TOLERATED,
              "ItemProcessor":{"StartAt":"Check","States":{"Check":{"Type":"Choice","Choices":[{"Variable":"$","NumericLessThan":0,"Next":"Bad"}],"Default":"Good"},
                "Bad":{"Type":"Fail","Error":"Negative","Cause":"negative item"},"Good":{"Type":"Pass","End":true}}},"End":true}}}
            """;
        var tolerated = await h.RunAsync(definition.Replace("TOLERATED", "1", StringComparison.Ordinal), "[1,-1,2]");
        var exceeded = await h.RunAsync(definition.Replace("TOLERATED", "0", StringComparison.Ordinal), "[1,-1,-2]");

        Assert.Equal("SUCCEEDED", tolerated.Status);
        Assert.Equal(1, (int?)EngineHarness.Parse(tolerated.Output)![0]);
        Assert.Equal("FAILED", exceeded.Status);
        Assert.Equal("States.ExceedToleratedFailureThreshold", exceeded.Error);
    }

    [Fact]
    public async Task No_matching_choice_without_default_fails_with_States_NoChoiceMatched()
    {
        await using var h = await EngineHarness.StartAsync();
        var result = await h.RunAsync("""
            {"StartAt":"Pick","States":{"Pick":{"Type":"Choice","Choices":[{"Variable":"$.x","StringEquals":"y","Next":"Done"}]},"Done":{"Type":"Succeed"}}}
            """, """{"x":"z"}""");

        Assert.Equal("FAILED", result.Status);
        Assert.Equal("States.NoChoiceMatched", result.Error);
    }
}
