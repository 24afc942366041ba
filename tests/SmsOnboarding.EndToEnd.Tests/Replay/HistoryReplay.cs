using System.Text.Json.Nodes;
using SmsOnboarding.Asl;
using SmsOnboarding.Steps;

namespace SmsOnboarding.EndToEnd.Tests.Replay;

/// <summary>
/// Replays a recorded history against today's workflow: today's ASL (its states, their Parameters and ResultSelector)
/// and today's step contracts. Every problem names the scenario, the state, the step and the member (decision 0016).
/// </summary>
public sealed class HistoryReplay(StateMachineDefinition definition)
{
    private const string ReplayToken = "replay-task-token";

    private readonly Dictionary<string, StateDefinition> _states = AllStates(definition).ToDictionary(s => s.Name, StringComparer.Ordinal);

    /// <summary>Today's definition with the local deployment's substitutions, as the embedded engine runs it.</summary>
    public static HistoryReplay Today() => new(StateMachineDefinition.Parse(Serve.Deployment.LocalDeployment.Definition()));

    public IReadOnlyList<string> Problems(JsonObject history)
    {
        var scenario = (string)history["scenario"]!;
        var problems = new List<string>();
        foreach (var state in history["statesEntered"]!.AsArray().Select(s => (string)s!))
        {
            if (!_states.ContainsKey(state))
            {
                problems.Add($"{scenario}: state {state} is no longer in the ASL, but executions recorded in it may still be there (decision 0016: keep it until they have closed)");
            }
        }

        var context = Context(history);
        foreach (var step in history["steps"]!.AsArray().Select(s => s!.AsObject()))
        {
            var where = $"{scenario}: state {(string)step["state"]!} (step {(string)step["step"]!})";
            problems.AddRange(StepProblems(step, context).Select(p => $"{where}: {p}"));
        }

        return problems;
    }

    private IEnumerable<string> StepProblems(JsonObject recorded, JsonObject context)
    {
        var stepName = (string)recorded["step"]!;
        var step = StepCatalog.Find(stepName);
        if (step is null)
        {
            yield return $"step {stepName} is no longer in the step catalog, but its recorded invocations may still be retried or redriven";
            yield break;
        }

        var version = (int)recorded["contractVersion"]!;
        if (version != step.ContractVersion)
        {
            yield return $"recorded under contract version {version}, but {stepName} reads only version {step.ContractVersion}; "
                + $"keep the version-{version} contract beside the new one until its executions have closed (decision 0016)";
            yield break;
        }

        var ignored = recorded["inputMembersTheContractIgnores"]!.AsArray().Select(p => (string)p!).ToHashSet(StringComparer.Ordinal);
        foreach (var problem in ContractCheck.Problems(recorded["input"], step.Input, ignored))
        {
            yield return "recorded input: " + problem;
        }

        var stateName = (string)recorded["state"]!;
        if (!_states.TryGetValue(stateName, out var found) || found is not TaskState task || StepCatalog.ForFunction(FunctionOf(task)) != step)
        {
            // Reported once per history by the state check when the state is gone; here when it now does something else.
            if (found is not null)
            {
                yield return $"state {stateName} no longer runs {stepName}";
            }

            yield break;
        }

        var stateInput = recorded["stateInput"];
        foreach (var problem in PayloadProblems(task, step, stateInput, context, "today's Parameters over the recorded state input"))
        {
            yield return problem;
        }

        if ((string?)recorded["outcome"] != "succeeded")
        {
            yield break;
        }

        var callback = task.Resource.EndsWith(".waitForTaskToken", StringComparison.Ordinal);
        foreach (var problem in ContractCheck.Problems(recorded["output"], step.Output, []))
        {
            yield return "recorded output: " + problem;
        }

        if (callback && step.CallbackOutput is { } answer)
        {
            foreach (var problem in ContractCheck.Problems(recorded["callbackOutput"], answer, []))
            {
                yield return "recorded callback output: " + problem;
            }
        }

        var result = callback ? recorded["callbackOutput"]?.DeepClone() : LambdaResult(recorded["output"]);
        foreach (var problem in OutputProblems(task, stateInput, result, context))
        {
            yield return problem;
        }
    }

    private IEnumerable<string> OutputProblems(TaskState task, JsonNode? stateInput, JsonNode? result, JsonObject context)
    {
        JsonNode? output;
        try
        {
            output = DataFlow.StateOutput(task, stateInput?.DeepClone(), result, context);
        }
        catch (AslRuntimeException e)
        {
            return [$"today's ResultSelector/ResultPath cannot take the recorded output: {e.Cause}"];
        }

        return NextTaskProblems(task, output, context);
    }

    /// <summary>
    /// Follows today's transitions from the recorded output, through Pass, Choice and Wait states, to the next Task and
    /// reads the payload it would send: a Choice rule or a Wait's SecondsPath that no longer finds its member fails here.
    /// </summary>
    private IEnumerable<string> NextTaskProblems(StateDefinition from, JsonNode? output, JsonObject context)
    {
        var next = from.Next;
        for (var hops = 0; next is not null && _states.TryGetValue(next, out var state) && hops < _states.Count; hops++)
        {
            if (state is TaskState task)
            {
                return StepCatalog.ForFunction(FunctionOf(task)) is { } step
                    ? PayloadProblems(task, step, output, context, $"the recorded output as today's ASL passes it on to {task.Name}")
                    : [];
            }

            try
            {
                (output, next) = Pass(state, output, context);
            }
            catch (AslRuntimeException e)
            {
                return [$"the recorded output does not pass through {state.Name}: {e.Cause}"];
            }
        }

        return [];
    }

    /// <summary>What a state that calls nothing makes of its input, and where it goes next (null: follow no further).</summary>
    private static (JsonNode? Output, string? Next) Pass(StateDefinition state, JsonNode? input, JsonObject context)
    {
        switch (state)
        {
            case PassState pass:
                return (DataFlow.StateOutput(pass, input, DataFlow.PassResult(pass, DataFlow.EffectiveInput(pass, input, context)), context), pass.Next);
            case ChoiceState choice:
                var chosen = DataFlow.ApplyInputPath(choice, input, context);
                return (DataFlow.StateOutput(choice, input, chosen, context), choice.NextState(chosen, context));
            case WaitState wait:
                var waiting = DataFlow.ApplyInputPath(wait, input, context);
                WaitTime.DueAt(wait, waiting, DateTimeOffset.UnixEpoch, context);
                return (DataFlow.StateOutput(wait, input, waiting, context), wait.Next);
            default:
                return (input, null);
        }
    }

    private static IEnumerable<string> PayloadProblems(TaskState task, StepDescriptor step, JsonNode? stateInput, JsonObject context, string what)
    {
        JsonNode? payload;
        try
        {
            payload = DataFlow.EffectiveInput(task, stateInput?.DeepClone(), context)?["Payload"];
        }
        catch (AslRuntimeException e)
        {
            return [$"{what}: {e.Cause}"];
        }

        return ContractCheck.ReadProblems(payload, step.Input).Select(p => $"{what} ({task.Name}'s payload): {p}");
    }

    private static string? FunctionOf(TaskState task) => (string?)task.Parameters?["FunctionName"];

    /// <summary>What lambda:invoke hands the state: the function's answer under Payload (request metadata left out).</summary>
    private static JsonObject LambdaResult(JsonNode? payload) => new()
    {
        ["ExecutedVersion"] = "$LATEST",
        ["Payload"] = payload?.DeepClone(),
        ["StatusCode"] = 200,
    };

    private static JsonObject Context(JsonObject history) => new()
    {
        ["Execution"] = new JsonObject { ["Id"] = (string?)history["executionArn"], ["Name"] = (string?)history["scenario"] },
        ["Task"] = new JsonObject { ["Token"] = ReplayToken },
    };

    private static IEnumerable<StateDefinition> AllStates(StateMachineDefinition machine)
    {
        foreach (var state in machine.States.Values)
        {
            yield return state;
            var inner = state switch
            {
                ParallelState parallel => parallel.Branches,
                MapState map => [map.ItemProcessor],
                _ => [],
            };
            foreach (var nested in inner.SelectMany(AllStates))
            {
                yield return nested;
            }
        }
    }
}
