using System.Text.Json.Nodes;
using SmsOnboarding.Aws.StepFunctions.Model;

namespace SmsOnboarding.Engine.Tests;

public sealed class CallbackAndTimeoutTests
{
    private const string WaitForToken = """
        {"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken",
          "Parameters":{"FunctionName":"ask","Payload":{"token.$":"$$.Task.Token"}},"HeartbeatSeconds":60,"TimeoutSeconds":3600,"End":true}}}
        """;

    [Fact]
    public async Task WaitForTaskToken_task_completes_with_the_output_sent_by_SendTaskSuccess()
    {
        await using var h = await EngineHarness.StartAsync();
        var tokens = new List<string>();
        h.Engine.RegisterFunction("ask", (i, _) =>
        {
            lock (tokens)
            {
                tokens.Add((string)i.Payload!["token"]!);
            }
            Assert.Equal(i.TaskToken, (string?)i.Payload!["token"]);
            return Task.FromResult<JsonNode?>(null);
        });
        var arn = await h.StartAsync(await h.CreateAsync(WaitForToken));
        await h.Engine.RunUntilIdleAsync();
        Assert.Equal("RUNNING", (await h.Engine.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = arn })).Status);

        await h.Engine.SendTaskHeartbeatAsync(new SendTaskHeartbeatRequest { TaskToken = tokens.Single() });
        await h.Engine.SendTaskSuccessAsync(new SendTaskSuccessRequest { TaskToken = tokens.Single(), Output = """{"otp":"123456"}""" });
        var done = await h.Engine.WaitForExecutionAsync(arn);

        Assert.Equal("SUCCEEDED", done.Status);
        Assert.Equal("""{"otp":"123456"}""", done.Output);
        var types = (await h.HistoryAsync(arn)).Select(e => e.Type).ToList();
        Assert.Equal(["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"], types);
        var late = await Assert.ThrowsAsync<StepFunctionsException>(() => h.Engine.SendTaskSuccessAsync(new SendTaskSuccessRequest { TaskToken = tokens.Single(), Output = "{}" }));
        Assert.Equal("TaskTimedOut", late.ErrorCode);
    }

    [Fact]
    public async Task Missing_heartbeat_fails_the_task_with_States_HeartbeatTimeout_and_Catch_sees_it()
    {
        await using var h = await EngineHarness.StartAsync();
        h.Engine.RegisterFunction("ask", (_, _) => Task.FromResult<JsonNode?>(null));
        var definition = WaitForToken.Replace("\"End\":true}}}", "\"Catch\":[{\"ErrorEquals\":[\"States.Timeout\"],\"Next\":\"Late\"}],\"End\":true},\"Late\":{\"Type\":\"Pass\",\"End\":true}}}", StringComparison.Ordinal);
        var arn = await h.StartAsync(await h.CreateAsync(definition));
        await h.Engine.RunUntilIdleAsync();
        h.Fake.Advance(TimeSpan.FromSeconds(61));
        var done = await h.SettleAsync(arn);

        Assert.Equal("SUCCEEDED", done.Status);
        Assert.Equal("PassStateExited", (await h.HistoryAsync(arn))[^2].Type);
        Assert.Equal("States.HeartbeatTimeout", (string?)EngineHarness.Parse(done.Output)!["Error"]);
        Assert.Contains(await h.HistoryAsync(arn), e => e.Type == "TaskTimedOut" && e.TaskTimedOutEventDetails!.Error == "States.HeartbeatTimeout");
    }

    [Fact]
    public async Task Task_timeout_cancels_the_handler_and_fails_with_States_Timeout()
    {
        await using var h = await EngineHarness.StartAsync();
        var cancelled = new TaskCompletionSource();
        h.Engine.RegisterFunction("slow", async (_, ct) =>
        {
            await using var registration = ct.Register(() => cancelled.TrySetResult());
            await Task.Delay(Timeout.Infinite, ct);
            return null;
        });
        var arn = await h.StartAsync(await h.CreateAsync("""
            {"StartAt":"Slow","States":{"Slow":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111122223333:function:slow","TimeoutSeconds":30,"End":true}}}
            """));
        await h.Engine.WaitForQuiescenceAsync(new CancellationTokenSource(TimeSpan.FromMilliseconds(50)).Token).ContinueWith(_ => { }, TaskScheduler.Default);
        h.Fake.Advance(TimeSpan.FromSeconds(30));
        var done = await h.Engine.WaitForExecutionAsync(arn);
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("FAILED", done.Status);
        Assert.Equal("States.Timeout", done.Error);
        Assert.Contains(await h.HistoryAsync(arn), e => e.Type == "LambdaFunctionTimedOut");
    }

    [Fact]
    public async Task Activity_worker_gets_the_input_and_completes_the_task_with_its_token()
    {
        await using var h = await EngineHarness.StartAsync();
        var activity = (await h.Engine.CreateActivityAsync(new CreateActivityRequest { Name = "reviewer" })).ActivityArn!;
        var definition = """{"StartAt":"Review","States":{"Review":{"Type":"Task","Resource":"ACTIVITY","End":true}}}""".Replace("ACTIVITY", activity, StringComparison.Ordinal);
        var arn = await h.StartAsync(await h.CreateAsync(definition), """{"doc":"plan"}""");
        await h.Engine.RunUntilIdleAsync();

        var task = await h.Engine.GetActivityTaskAsync(new GetActivityTaskRequest { ActivityArn = activity, WorkerName = "w1" });
        Assert.Equal("""{"doc":"plan"}""", task.Input);
        await h.Engine.SendTaskSuccessAsync(new SendTaskSuccessRequest { TaskToken = task.TaskToken, Output = """{"approved":true}""" });
        var done = await h.Engine.WaitForExecutionAsync(arn);

        Assert.Equal("""{"approved":true}""", done.Output);
        Assert.Equal(["ActivityScheduled", "ActivityStarted", "ActivitySucceeded"],
            (await h.HistoryAsync(arn)).Select(e => e.Type).Where(t => t!.StartsWith("Activity", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task SendTaskFailure_error_is_matched_by_Catch()
    {
        await using var h = await EngineHarness.StartAsync();
        string? token = null;
        h.Engine.RegisterFunction("ask", (i, _) =>
        {
            token = i.TaskToken;
            return Task.FromResult<JsonNode?>(null);
        });
        var definition = WaitForToken.Replace("\"End\":true}}}", "\"Catch\":[{\"ErrorEquals\":[\"Rejected\"],\"Next\":\"No\"}],\"End\":true},\"No\":{\"Type\":\"Fail\",\"Error\":\"Declined\"}}}", StringComparison.Ordinal);
        var arn = await h.StartAsync(await h.CreateAsync(definition));
        await h.Engine.RunUntilIdleAsync();
        await h.Engine.SendTaskFailureAsync(new SendTaskFailureRequest { TaskToken = token, Error = "Rejected", Cause = "no" });

        var done = await h.Engine.WaitForExecutionAsync(arn);
        Assert.Equal("Declined", done.Error);
        Assert.Contains(await h.HistoryAsync(arn), e => e.Type == "TaskFailed" && e.TaskFailedEventDetails!.Error == "Rejected");
    }
}
