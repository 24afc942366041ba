using System.Text.Json;
using System.Text.Json.Nodes;
using SmsOnboarding.Domain.Lifecycle;
using SmsOnboarding.Steps;

namespace SmsOnboarding.Api.Onboardings;

/// <summary>One visit of a state, read from history.</summary>
public sealed record TimelineEntry(string State, DateTimeOffset EnteredAt, DateTimeOffset? ExitedAt, string Outcome);

/// <summary>Where an execution is and what that means, derived from its history and the definition.</summary>
public static class ExecutionProgress
{
    /// <summary>States entered and not yet exited (several at once inside Parallel and Map).</summary>
    public static IReadOnlyList<string> CurrentStates(IReadOnlyList<ExecutionEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var open = new List<string>();
        foreach (var e in history)
        {
            if (e.StateName is null)
            {
                continue;
            }
            if (e.Type.EndsWith("StateEntered", StringComparison.Ordinal))
            {
                open.Add(e.StateName);
            }
            else if (e.Type.EndsWith("StateExited", StringComparison.Ordinal))
            {
                var at = open.LastIndexOf(e.StateName);
                if (at >= 0)
                {
                    open.RemoveAt(at);
                }
            }
        }
        return open.Distinct(StringComparer.Ordinal).ToList();
    }

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

    public static OnboardingStatus Status(ExecutionSnapshot? execution, IReadOnlyList<string> currentStates, WorkflowMap map)
    {
        ArgumentNullException.ThrowIfNull(currentStates);
        ArgumentNullException.ThrowIfNull(map);
        if (execution is null)
        {
            return OnboardingStatus.Submitted;
        }
        switch (execution.State)
        {
            case ExecutionState.Succeeded:
                return OnboardingStatus.Completed;
            case ExecutionState.Aborted:
                return OnboardingStatus.Cancelled;
            case ExecutionState.Failed or ExecutionState.TimedOut:
                return OnboardingStatus.Failed;
        }
        var roles = currentStates.Select(map.RoleOf).ToList();
        // People block progress the most visibly, so they win over parallel AWS waits.
        if (roles.Contains(StateRole.WaitingOnPeople))
        {
            return OnboardingStatus.WaitingOnPeople;
        }
        if (roles.Contains(StateRole.Finalizing))
        {
            return OnboardingStatus.Finalizing;
        }
        if (roles.Contains(StateRole.WaitingOnAws))
        {
            return OnboardingStatus.WaitingOnAws;
        }
        return OnboardingStatus.Running;
    }
}
