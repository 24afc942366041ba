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
        return ParseOutput(history.LastOrDefault(e => e.Type == "ExecutionSucceeded")?.Details?["executionSucceededEventDetails"]?["output"]);
    }

    /// <summary>
    /// The cases the execution opened, each as the last case step (OpenCase, RecordCase, CheckCase) that finished
    /// left it in the state data (<c>$.case.value</c>), in the order the needs first appeared.
    /// </summary>
    public static IReadOnlyList<CaseView> Cases(IReadOnlyList<ExecutionEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var cases = new Dictionary<string, CaseView>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var e in history)
        {
            if (!e.Type.EndsWith("StateExited", StringComparison.Ordinal) || e.StateName is null || !CaseSteps.Any(s => e.StateName.EndsWith(s, StringComparison.Ordinal))
                || ParseOutput(e.Details?["stateExitedEventDetails"]?["output"])?["case"]?["value"] is not JsonObject state
                || Text(state["need"]) is not { } need || Text(state["channel"]) is not { } channel)
            {
                continue;
            }
            var handovers = (state["handovers"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(h => new CaseHandoverView(Text(h["channel"]) ?? "", Text(h["reason"]) ?? "", Text(h["errorCode"])))
                .ToList();
            if (!cases.ContainsKey(need))
            {
                order.Add(need);
            }
            cases[need] = new CaseView(need, channel, Text(state["caseId"]), Text(state["quotaRequestId"]), Text(state["status"]), handovers, Text(state["waitingOn"]));
        }
        return [.. order.Select(n => cases[n])];
    }

    private static readonly string[] CaseSteps = [".OpenCase", ".RecordCase", ".CheckCase"];

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    // Step Functions truncates outputs over its size limit (and may leave them out): an unreadable one is no result, not an error.
    private static JsonNode? ParseOutput(JsonNode? output)
    {
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
