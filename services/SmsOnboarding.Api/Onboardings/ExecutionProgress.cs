using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmsOnboarding.Api.Onboardings;

/// <summary>One visit of a state, read from history.</summary>
public sealed record TimelineEntry(string State, DateTimeOffset EnteredAt, DateTimeOffset? ExitedAt, string Outcome);

/// <summary>What an execution's history shows a person: the timeline of state visits, and how it ended.</summary>
public static class ExecutionProgress
{
    public static IReadOnlyList<TimelineEntry> Timeline(IReadOnlyList<ExecutionEvent> history, ExecutionSnapshot? execution)
    {
        ArgumentNullException.ThrowIfNull(history);
        var entries = new List<TimelineEntry>();
        var open = new List<int>();
        foreach (var e in history)
        {
            if (e.StateName is null)
            {
                continue;
            }
            if (e.Type.EndsWith("StateEntered", StringComparison.Ordinal))
            {
                open.Add(entries.Count);
                entries.Add(new TimelineEntry(e.StateName, e.Timestamp, null, "running"));
            }
            else if (e.Type.EndsWith("StateExited", StringComparison.Ordinal))
            {
                var at = open.FindLastIndex(i => entries[i].State == e.StateName);
                if (at >= 0)
                {
                    var index = open[at];
                    open.RemoveAt(at);
                    entries[index] = entries[index] with { ExitedAt = e.Timestamp, Outcome = "succeeded" };
                }
            }
        }
        // States still open when the execution stopped did not finish: say how they ended.
        if (execution is { State: not ExecutionState.Running })
        {
            var outcome = execution.State == ExecutionState.Aborted ? "cancelled" : "failed";
            foreach (var index in open)
            {
                entries[index] = entries[index] with { ExitedAt = execution.StoppedAt, Outcome = outcome };
            }
        }
        return entries;
    }

    /// <summary>What the execution returned: the output of its last ExecutionSucceeded event, else null.</summary>
    public static JsonNode? Output(IReadOnlyList<ExecutionEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var output = history.LastOrDefault(e => e.Type == "ExecutionSucceeded")?.Details?["executionSucceededEventDetails"]?["output"];
        if (output is not JsonValue text || !text.TryGetValue<string>(out var json))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            // Step Functions truncates outputs over its size limit: an unreadable one is no result, not an error.
            return null;
        }
    }

    /// <summary>How the execution last ended, from its history: null while it runs (or after a redrive).</summary>
    public static ExecutionSnapshot? Ending(string executionArn, IReadOnlyList<ExecutionEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var last = history.LastOrDefault(e => e.StateName is null && e.Type.StartsWith("Execution", StringComparison.Ordinal) && e.Type != "ExecutionStarted");
        var state = last?.Type switch
        {
            "ExecutionSucceeded" => ExecutionState.Succeeded,
            "ExecutionFailed" => ExecutionState.Failed,
            "ExecutionTimedOut" => ExecutionState.TimedOut,
            "ExecutionAborted" => ExecutionState.Aborted,
            _ => (ExecutionState?)null,
        };
        if (state is null)
        {
            return null;
        }
        var details = last!.Details?.FirstOrDefault(p => p.Key.EndsWith("EventDetails", StringComparison.Ordinal)).Value as System.Text.Json.Nodes.JsonObject;
        return new ExecutionSnapshot(executionArn, state.Value, history[0].Timestamp, last.Timestamp, (string?)details?["error"], (string?)details?["cause"]);
    }
}
