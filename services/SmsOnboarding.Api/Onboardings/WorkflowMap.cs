using System.Text.Json.Nodes;

namespace SmsOnboarding.Api.Onboardings;

/// <summary>What a state of the workflow means for the people waiting on it.</summary>
public enum StateRole
{
    Working,
    WaitingOnPeople,
    WaitingOnAws,
    Finalizing,
}

public sealed record WorkflowState(string Name, string Type, string? Next, bool End, string? Parent, StateRole Role, IReadOnlyList<string> Targets, string? Comment);

/// <summary>
/// The states of the ASL definition (nested Parallel branches and Map processors flattened), each with its
/// role, so a status and a diagram can be derived from the definition rather than from a hand-kept list.
/// </summary>
public sealed class WorkflowMap
{
    // Top-level states after the AWS reviews: the pool is being configured and proven.
    private static readonly string[] FinalizeStates = ["Finalize", "SendTestMessage", "Onboarded"];

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
        return new WorkflowMap(states, (string?)root["StartAt"] ?? "");
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
            var resource = (string?)state["Resource"] ?? "";
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
            var role = Classify(name, type, resource, parent);
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

    private static StateRole Classify(string name, string type, string resource, string? parent)
    {
        if (resource.EndsWith(".waitForTaskToken", StringComparison.Ordinal))
        {
            return StateRole.WaitingOnPeople;
        }
        if (parent is null && FinalizeStates.Contains(name, StringComparer.Ordinal))
        {
            return StateRole.Finalizing;
        }
        // Wait states and the polls between them are the workflow waiting for an AWS review or provisioning.
        var local = name[(name.LastIndexOf('.') + 1)..];
        if (type == "Wait" || local.StartsWith("Check", StringComparison.Ordinal) || local.StartsWith("Advance", StringComparison.Ordinal))
        {
            return StateRole.WaitingOnAws;
        }
        return StateRole.Working;
    }
}
