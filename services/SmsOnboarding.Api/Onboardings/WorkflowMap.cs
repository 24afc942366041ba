using System.Text.Json.Nodes;
using SmsOnboarding.Steps;

namespace SmsOnboarding.Api.Onboardings;

public sealed record WorkflowState(string Name, string Type, string? Next, bool End, string? Parent, StateRole Role, IReadOnlyList<string> Targets, string? Comment);

/// <summary>
/// The states of the ASL definition (nested Parallel branches and Map processors flattened), each with its
/// role, so a status and a diagram can be derived from the definition rather than from a hand-kept list:
/// a Task state plays the role its step's descriptor declares (<see cref="StepCatalog.ForFunction"/>), a Wait
/// state waits on AWS, and a state reached only from finalizing states is finalizing too.
/// </summary>
public sealed class WorkflowMap
{
    private readonly Dictionary<string, WorkflowState> _byName;

    private WorkflowMap(IReadOnlyList<WorkflowState> states, string startAt)
    {
        States = states;
        StartAt = startAt;
        _byName = states.GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public IReadOnlyList<WorkflowState> States { get; }
    public string StartAt { get; }

    public static WorkflowMap Parse(string definitionJson)
    {
        var root = JsonNode.Parse(definitionJson) as JsonObject ?? throw new ArgumentException("ASL definition must be a JSON object", nameof(definitionJson));
        var states = new List<WorkflowState>();
        Walk(root, parent: null, states);
        return new WorkflowMap(FinalizingFollowers(states), (string?)root["StartAt"] ?? "");
    }

    public StateRole RoleOf(string stateName) => _byName.TryGetValue(stateName, out var s) ? s.Role : StateRole.Working;

    private static void Walk(JsonObject machine, string? parent, List<WorkflowState> into)
    {
        if (machine["States"] is not JsonObject states)
        {
            return;
        }
        foreach (var (name, node) in states)
        {
            if (node is not JsonObject state)
            {
                continue;
            }
            var type = (string?)state["Type"] ?? "";
            var targets = new List<string>();
            if ((string?)state["Next"] is { } next)
            {
                targets.Add(next);
            }
            if ((string?)state["Default"] is { } fallback)
            {
                targets.Add(fallback);
            }
            foreach (var choice in state["Choices"]?.AsArray() ?? [])
            {
                if ((string?)choice?["Next"] is { } to)
                {
                    targets.Add(to);
                }
            }
            foreach (var c in state["Catch"]?.AsArray() ?? [])
            {
                if ((string?)c?["Next"] is { } to)
                {
                    targets.Add(to);
                }
            }
            var role = Classify(type, state);
            into.Add(new WorkflowState(name, type, (string?)state["Next"], (bool?)state["End"] ?? false, parent,
                role, targets.Distinct(StringComparer.Ordinal).ToList(), (string?)state["Comment"]));
            foreach (var branch in state["Branches"]?.AsArray() ?? [])
            {
                if (branch is JsonObject b)
                {
                    Walk(b, name, into);
                }
            }
            if ((state["ItemProcessor"] ?? state["Iterator"]) is JsonObject processor)
            {
                Walk(processor, name, into);
            }
        }
    }

    private static StateRole Classify(string type, JsonObject state)
    {
        var resource = (string?)state["Resource"] ?? "";
        if (resource.EndsWith(".waitForTaskToken", StringComparison.Ordinal))
        {
            return StateRole.WaitingOnPeople;
        }
        if (type == "Task")
        {
            // lambda:invoke names the function in Parameters; a Task may also name the function ARN as its Resource.
            var step = StepCatalog.ForFunction((string?)state["Parameters"]?["FunctionName"]) ?? StepCatalog.ForFunction(resource);
            return step?.Role ?? StateRole.Working;
        }
        // Wait states sit between the polls of an AWS review or provisioning.
        return type == "Wait" ? StateRole.WaitingOnAws : StateRole.Working;
    }

    /// <summary>
    /// A pass-through state entered only from finalizing states (the closing Pass after the test message) is
    /// still finalizing: the onboarding is not done until the execution ends.
    /// </summary>
    private static List<WorkflowState> FinalizingFollowers(List<WorkflowState> states)
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            for (var i = 0; i < states.Count; i++)
            {
                var state = states[i];
                if (state.Role != StateRole.Working || state.Type is "Task" or "Wait")
                {
                    continue;
                }
                var from = states.Where(s => s.Parent == state.Parent && s.Targets.Contains(state.Name, StringComparer.Ordinal)).ToList();
                if (from.Count > 0 && from.All(s => s.Role == StateRole.Finalizing))
                {
                    states[i] = state with { Role = StateRole.Finalizing };
                    changed = true;
                }
            }
        }
        return states;
    }
}
