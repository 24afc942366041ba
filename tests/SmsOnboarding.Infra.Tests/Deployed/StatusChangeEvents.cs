using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using SmsOnboarding.Engine;

namespace SmsOnboarding.Infra.Tests.Deployed;

/// <summary>
/// What EventBridge would deliver from the engine's executions: a "Step Functions Execution Status Change" event per
/// execution status change (shape from the Step Functions developer guide's EventBridge page), kept until the test
/// hands those matching the template's rule to the rule's target.
/// </summary>
internal sealed class StatusChangeEvents : IExecutionEventSink
{
    private static readonly Dictionary<string, string> StatusOf = new(StringComparer.Ordinal)
    {
        ["ExecutionStarted"] = "RUNNING",
        ["ExecutionRedriven"] = "RUNNING",
        ["ExecutionSucceeded"] = "SUCCEEDED",
        ["ExecutionFailed"] = "FAILED",
        ["ExecutionTimedOut"] = "TIMED_OUT",
        ["ExecutionAborted"] = "ABORTED",
    };

    private readonly ConcurrentQueue<JsonObject> _events = new();

    public void Committed(CommittedEvents events)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events.Events.Where(e => e.Type is not null && StatusOf.ContainsKey(e.Type)))
        {
            var name = events.ExecutionArn[(events.ExecutionArn.LastIndexOf(':') + 1)..];
            var stateMachineArn = events.ExecutionArn[..events.ExecutionArn.LastIndexOf(':')].Replace(":execution:", ":stateMachine:", StringComparison.Ordinal);
            var arn = events.ExecutionArn.Split(':');
            _events.Enqueue(new JsonObject
            {
                ["version"] = "0",
                ["id"] = Guid.NewGuid().ToString(),
                ["detail-type"] = "Step Functions Execution Status Change",
                ["source"] = "aws.states",
                ["account"] = arn[4],
                ["time"] = e.Timestamp?.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                ["region"] = arn[3],
                ["resources"] = new JsonArray(events.ExecutionArn),
                ["detail"] = new JsonObject
                {
                    ["executionArn"] = events.ExecutionArn,
                    ["stateMachineArn"] = stateMachineArn,
                    ["name"] = name,
                    ["status"] = StatusOf[e.Type!],
                    ["error"] = e.ExecutionFailedEventDetails?.Error ?? e.ExecutionTimedOutEventDetails?.Error ?? e.ExecutionAbortedEventDetails?.Error,
                    ["cause"] = e.ExecutionFailedEventDetails?.Cause ?? e.ExecutionTimedOutEventDetails?.Cause ?? e.ExecutionAbortedEventDetails?.Cause,
                },
            });
        }
    }

    /// <summary>The events so far that match <paramref name="pattern"/> (an EventBridge event pattern, intrinsics resolved).</summary>
    public IReadOnlyList<JsonObject> TakeMatching(JsonObject pattern)
    {
        var taken = new List<JsonObject>();
        while (_events.TryDequeue(out var e))
        {
            if (Matches(pattern, e))
            {
                taken.Add(e);
            }
        }
        return taken;
    }

    // EventBridge's plain matching: every field the pattern names must hold one of the listed values. Content filters
    // (prefix, anything-but, numeric, ...) are not needed by the template and are refused rather than guessed.
    private static bool Matches(JsonObject pattern, JsonObject e) => pattern.All(field => field.Value switch
    {
        JsonObject nested => e[field.Key] is JsonObject inner && Matches(nested, inner),
        JsonArray values when values.All(v => v is JsonValue) => values.Any(v => v!.ToString() == e[field.Key]?.ToString()),
        _ => throw new NotSupportedException($"EventBridge pattern filter {field.Key}: {field.Value?.ToJsonString()} is not matched by the deployed-shape test."),
    });
}
