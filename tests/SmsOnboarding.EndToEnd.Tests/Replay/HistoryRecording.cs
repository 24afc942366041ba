using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SmsOnboarding.Aws.StepFunctions.Model;
using SmsOnboarding.Steps;

namespace SmsOnboarding.EndToEnd.Tests.Replay;

/// <summary>
/// Turns an execution's history into the fixture the replay tests read: every step invocation with the state's input,
/// the payload that crossed the wire, what came back, and the step's contract version when it ran.
/// </summary>
public static partial class HistoryRecording
{
    public static JsonObject From(string scenario, string about, string executionArn, string status, IReadOnlyList<HistoryEvent> history)
    {
        var entered = new Dictionary<long, HistoryEvent>();
        var scheduled = new Dictionary<long, JsonObject>();
        var enteredOf = new Dictionary<long, long>();
        var scheduledOf = new Dictionary<long, long>();
        var steps = new List<JsonObject>();
        foreach (var e in history)
        {
            var id = e.Id!.Value;
            var previous = e.PreviousEventId ?? 0;
            enteredOf[id] = e.Type == "TaskStateEntered" ? id : enteredOf.GetValueOrDefault(previous);
            scheduledOf[id] = e.Type == "TaskScheduled" ? id : scheduledOf.GetValueOrDefault(previous);
            switch (e.Type)
            {
                case "TaskStateEntered":
                    entered[id] = e;
                    break;
                case "TaskScheduled":
                    var step = Scheduled(entered[enteredOf[id]], e.TaskScheduledEventDetails!);
                    scheduled[id] = step;
                    steps.Add(step);
                    break;
                case "TaskSubmitted":
                    scheduled[scheduledOf[id]]["output"] = Payload(e.TaskSubmittedEventDetails!.Output);
                    break;
                case "TaskSucceeded":
                    var record = scheduled[scheduledOf[id]];
                    var output = JsonNode.Parse(e.TaskSucceededEventDetails!.Output ?? "null");
                    record["outcome"] = "succeeded";
                    if (record.ContainsKey("output"))
                    {
                        // A .waitForTaskToken state: the function's answer was submitted; the token's answer is the state's result.
                        record["callbackOutput"] = output;
                    }
                    else
                    {
                        record["output"] = output?["Payload"]?.DeepClone();
                    }

                    break;
                case "TaskFailed":
                    var failed = e.TaskFailedEventDetails!;
                    scheduled[scheduledOf[id]]["outcome"] = "failed: " + failed.Error;
                    break;
                case "TaskTimedOut":
                    scheduled[scheduledOf[id]]["outcome"] = "timed out";
                    break;
            }
        }

        var states = history.Select(e => e.StateEnteredEventDetails?.Name).OfType<string>().Distinct(StringComparer.Ordinal);
        var kept = steps.DistinctBy(Shape, StringComparer.Ordinal).ToList();
        return new JsonObject
        {
            ["scenario"] = scenario,
            ["about"] = about,
            ["recordedBy"] = "HistoryRecorder (make record-histories): a real run on the embedded engine and the simulated account",
            ["executionArn"] = executionArn,
            ["status"] = status,
            ["statesEntered"] = new JsonArray(states.Select(s => (JsonNode)s!).ToArray()),
            ["repeatsLeftOut"] = steps.Count - kept.Count,
            ["steps"] = new JsonArray(kept.Select(s => (JsonNode)s).ToArray()),
        };
    }

    /// <summary>
    /// The file as it is checked in: one line per step, so a re-recording reads as a diff of the invocations that changed.
    /// </summary>
    public static string Text(JsonObject recording)
    {
        var text = new StringBuilder("{\n");
        foreach (var (name, value) in recording)
        {
            text.Append("  ").Append(JsonSerializer.Serialize(name)).Append(": ");
            if (name == "steps")
            {
                var steps = value!.AsArray().Select(s => "    " + s!.ToJsonString());
                text.Append("[\n").AppendJoin(",\n", steps).Append("\n  ]");
            }
            else
            {
                text.Append(value?.ToJsonString() ?? "null");
            }

            text.Append(name == recording.Last().Key ? "\n" : ",\n");
        }

        return text.Append("}\n").ToString();
    }

    /// <summary>
    /// What makes an invocation worth keeping: its state, outcome, the members it carried and the words it said
    /// (statuses, enum names, flags). A poll that repeats an earlier one with other timestamps or counts is left out.
    /// </summary>
    private static string Shape(JsonObject step)
    {
        var shape = new StringBuilder().Append(step["state"]).Append('|').Append(step["outcome"]);
        foreach (var part in new[] { "stateInput", "input", "output", "callbackOutput" })
        {
            Describe(step[part], "|" + part, shape);
        }

        return shape.ToString();
    }

    private static void Describe(JsonNode? node, string path, StringBuilder shape)
    {
        switch (node)
        {
            case JsonObject members:
                foreach (var (name, value) in members.OrderBy(m => m.Key, StringComparer.Ordinal))
                {
                    Describe(value, path + "." + name, shape);
                }

                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    Describe(item, path + "[]", shape);
                }

                break;
            case JsonValue value:
                shape.Append(path).Append('=');
                var kind = value.GetValueKind();
                shape.Append(kind is JsonValueKind.True or JsonValueKind.False || (kind == JsonValueKind.String && Word().IsMatch(value.GetValue<string>()))
                    ? value.ToJsonString()
                    : kind.ToString());
                break;
        }
    }

    [GeneratedRegex("^[A-Za-z_]{1,40}$")]
    private static partial Regex Word();

    private static JsonObject Scheduled(HistoryEvent entered, TaskScheduledEventDetails details)
    {
        var parameters = JsonNode.Parse(details.Parameters!)!;
        var function = (string?)parameters["FunctionName"];
        var descriptor = StepCatalog.ForFunction(function)
            ?? throw new InvalidOperationException($"State {entered.StateEnteredEventDetails!.Name} calls {function}, which is no step of the catalog.");
        var input = parameters["Payload"]!.DeepClone();
        return new JsonObject
        {
            ["state"] = entered.StateEnteredEventDetails!.Name,
            ["step"] = descriptor.Name,
            ["contractVersion"] = descriptor.ContractVersion,
            ["resource"] = details.Resource,
            ["stateInput"] = JsonNode.Parse(entered.StateEnteredEventDetails.Input ?? "null"),
            ["input"] = input,
            ["inputMembersTheContractIgnores"] = new JsonArray(ContractCheck.Ignored(input, descriptor.Input).Select(p => (JsonNode)p!).ToArray()),
            ["outcome"] = "pending",
        };
    }

    private static JsonNode? Payload(string? lambdaResult) => JsonNode.Parse(lambdaResult ?? "null")?["Payload"]?.DeepClone();
}
