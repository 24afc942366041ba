using System.Collections.Concurrent;
using SmsOnboarding.Aws.StepFunctions.Model;

namespace SmsOnboarding.Engine.Tests;

public sealed class ExecutionEventTests
{
    private const string Definition = """
        {"StartAt":"First","States":{
          "First":{"Type":"Pass","Next":"Pause"},
          "Pause":{"Type":"Wait","Seconds":60,"Next":"Last"},
          "Last":{"Type":"Pass","End":true}}}
        """;

    [Fact]
    public async Task Every_history_event_is_raised_once_in_order_and_only_after_its_commit()
    {
        var sink = new CheckingSink();
        await using var harness = await EngineHarness.StartAsync(events: sink);
        sink.Engine = harness.Engine;

        var done = await harness.RunAsync(Definition);

        Assert.Equal("SUCCEEDED", done.Status);
        var history = await harness.Engine.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = done.ExecutionArn });
        var raised = sink.Raised.Where(r => r.Arn == done.ExecutionArn).SelectMany(r => r.Ids).ToList();
        Assert.Equal(history.Events!.Select(e => e.Id!.Value), raised);
        Assert.True(sink.Raised.Count > 1, "the wait splits the run into several commits");
        Assert.Empty(sink.RaisedBeforeCommit);
    }

    private sealed class CheckingSink : IExecutionEventSink
    {
        public StepFunctionsEngine? Engine { get; set; }
        public ConcurrentQueue<(string Arn, long[] Ids)> Raised { get; } = new();
        public ConcurrentQueue<long> RaisedBeforeCommit { get; } = new();

        public void Committed(CommittedEvents events)
        {
            Raised.Enqueue((events.ExecutionArn, events.Events.Select(e => e.Id!.Value).ToArray()));
            // Read back from the database: each event must already be there.
            var stored = Engine!.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = events.ExecutionArn, MaxResults = 1000 })
                .GetAwaiter().GetResult().Events!.Select(e => e.Id!.Value).ToHashSet();
            foreach (var id in events.Events.Select(e => e.Id!.Value).Where(id => !stored.Contains(id)))
            {
                RaisedBeforeCommit.Enqueue(id);
            }
        }
    }
}
