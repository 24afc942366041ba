using System.Text.Json.Nodes;
using SmsOnboarding.Aws.StepFunctions.Model;
using SmsOnboarding.Engine.Tasks;

namespace SmsOnboarding.Engine.Tests;

public sealed class RecoveryHandlersTests
{
    private const string Definition = """
        {"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111122223333:function:work","End":true}}}
        """;

    [Fact]
    public async Task A_task_in_flight_when_the_engine_stopped_runs_on_the_handler_given_at_open()
    {
        await using var h = await EngineHarness.StartAsync();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Engine.RegisterFunction("work", async (_, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return null;
        });
        var arn = await h.StartAsync(await h.CreateAsync(Definition));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await h.Engine.DisposeAsync();

        var invocations = 0;
        TaskHandler finish = (_, _) =>
        {
            Interlocked.Increment(ref invocations);
            return Task.FromResult<JsonNode?>(new JsonObject { ["done"] = true });
        };
        await using var reopened = await StepFunctionsEngine.OpenAsync(new EngineOptions
        {
            DatabasePath = h.DatabasePath,
            Clock = h.Clock,
            Random = () => 0.5,
            Functions = new Dictionary<string, TaskHandler> { ["work"] = finish },
        });
        await reopened.WaitForQuiescenceAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var described = await reopened.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = arn });

        Assert.True(described.Status == "SUCCEEDED", $"{described.Status}: {described.Error}: {described.Cause}");
        Assert.Equal("""{"done":true}""", described.Output);
        Assert.Equal(1, invocations);
    }
}
