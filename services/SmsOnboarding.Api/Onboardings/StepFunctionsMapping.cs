using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmsOnboarding.Aws.StepFunctions.Model;

namespace SmsOnboarding.Api.Onboardings;

/// <summary>
/// Step Functions' wire shapes → the runtime's view. Both runtimes (embedded engine, AWS Step Functions)
/// speak the same DTOs, so they share this one translation.
/// </summary>
public static class StepFunctionsMapping
{
    private static readonly HashSet<string> EnvelopeKeys = new(StringComparer.OrdinalIgnoreCase) { "timestamp", "type", "id", "previousEventId" };

    public static ExecutionSnapshot Snapshot(string executionArn, DescribeExecutionResponse d) =>
        new(executionArn, State(d.Status), Utc(d.StartDate) ?? DateTimeOffset.MinValue, Utc(d.StopDate), d.Error, d.Cause);

    public static ExecutionEvent ToEvent(HistoryEvent e)
    {
        var details = JsonSerializer.SerializeToNode(e, StepFunctionsJsonContext.Default.HistoryEvent) as JsonObject ?? [];
        foreach (var key in details.Select(p => p.Key).Where(EnvelopeKeys.Contains).ToList())
        {
            details.Remove(key);
        }
        var state = e.StateEnteredEventDetails?.Name ?? e.StateExitedEventDetails?.Name;
        return new ExecutionEvent(e.Id ?? 0, Utc(e.Timestamp) ?? DateTimeOffset.MinValue, e.Type ?? "", state, details.Count == 0 ? null : details);
    }

    /// <summary>
    /// The event as status needs it: id, time, type and state name, with details only where they say how an
    /// execution ended (serialising every event's details would cost more than the rest of the update).
    /// </summary>
    public static ExecutionEvent ToProgressEvent(HistoryEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Type is "ExecutionFailed" or "ExecutionTimedOut" or "ExecutionAborted")
        {
            return ToEvent(e);
        }
        var state = e.StateEnteredEventDetails?.Name ?? e.StateExitedEventDetails?.Name;
        return new ExecutionEvent(e.Id ?? 0, Utc(e.Timestamp) ?? DateTimeOffset.MinValue, e.Type ?? "", state, null);
    }

    private static ExecutionState State(string? status) => status switch
    {
        "SUCCEEDED" => ExecutionState.Succeeded,
        "FAILED" => ExecutionState.Failed,
        "TIMED_OUT" => ExecutionState.TimedOut,
        "ABORTED" => ExecutionState.Aborted,
        "RUNNING" or "PENDING_REDRIVE" => ExecutionState.Running,
        _ => throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"unknown execution status '{status}'")),
    };

    private static DateTimeOffset? Utc(DateTime? at) =>
        at is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, t.Kind == DateTimeKind.Local ? DateTimeKind.Local : DateTimeKind.Utc)).ToUniversalTime() : null;
}
