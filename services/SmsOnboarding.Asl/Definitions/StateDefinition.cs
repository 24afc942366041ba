using System.Text.Json.Nodes;

namespace SmsOnboarding.Asl;

/// <summary>
/// One state of a definition. Path fields distinguish "absent" from "explicit JSON null":
/// an absent InputPath/OutputPath/ResultPath is <c>null</c> with the matching <c>...IsNull</c> flag false (meaning "$");
/// an explicit <c>null</c> sets the flag (InputPath/OutputPath null => <c>{}</c>, ResultPath null => discard the result).
/// JsonNode members are owned by the definition: treat them as read-only.
/// </summary>
public abstract class StateDefinition
{
    public required string Name { get; init; }

    public abstract string Type { get; }

    public string? Comment { get; init; }

    /// <summary>The InputPath; null when absent (meaning "$") or explicitly null (see <see cref="InputPathIsNull"/>).</summary>
    public string? InputPath { get; init; }

    public bool InputPathIsNull { get; init; }

    /// <summary>The OutputPath; null when absent (meaning "$") or explicitly null (see <see cref="OutputPathIsNull"/>).</summary>
    public string? OutputPath { get; init; }

    public bool OutputPathIsNull { get; init; }

    /// <summary>Name of the next state; null for terminal states and Choice.</summary>
    public string? Next { get; init; }

    /// <summary>True for states with "End": true and for Succeed/Fail (which are always terminal).</summary>
    public bool End { get; init; }

    public override string ToString() => $"{Type} '{Name}'";
}

/// <summary>A state that stores its result in the input via ResultPath.</summary>
public interface IHasResultPath
{
    /// <summary>The ResultPath; null when absent (meaning "$") or explicitly null (see <see cref="ResultPathIsNull"/>).</summary>
    string? ResultPath { get; }

    bool ResultPathIsNull { get; }
}

/// <summary>A state with Retry and Catch (Task, Parallel, Map).</summary>
public interface IHasErrorHandling
{
    IReadOnlyList<Retrier> Retry { get; }

    IReadOnlyList<Catcher> Catch { get; }
}

public sealed class TaskState : StateDefinition, IHasResultPath, IHasErrorHandling
{
    public override string Type => "Task";

    public required string Resource { get; init; }

    public JsonNode? Parameters { get; init; }

    public JsonNode? ResultSelector { get; init; }

    public string? ResultPath { get; init; }

    public bool ResultPathIsNull { get; init; }

    public IReadOnlyList<Retrier> Retry { get; init; } = [];

    public IReadOnlyList<Catcher> Catch { get; init; } = [];

    public int? TimeoutSeconds { get; init; }

    public string? TimeoutSecondsPath { get; init; }

    public int? HeartbeatSeconds { get; init; }

    public string? HeartbeatSecondsPath { get; init; }

    public JsonNode? Credentials { get; init; }
}

public sealed class PassState : StateDefinition, IHasResultPath
{
    public override string Type => "Pass";

    /// <summary>The fixed Result; null when absent (then the effective input is the result).</summary>
    public JsonNode? Result { get; init; }

    /// <summary>True when the definition has a "Result" field (which may be JSON null).</summary>
    public bool HasResult { get; init; }

    public string? ResultPath { get; init; }

    public bool ResultPathIsNull { get; init; }

    public JsonNode? Parameters { get; init; }
}

public sealed class ChoiceState : StateDefinition
{
    public override string Type => "Choice";

    public required IReadOnlyList<ChoiceRule> Choices { get; init; }

    public string? Default { get; init; }

    /// <summary>
    /// The Next of the first matching rule, else Default. With no match and no Default this throws States.Runtime:
    /// AWS documents States.NoChoiceMatched as "reserved for future use" and reports the failure as States.Runtime.
    /// </summary>
    public string NextState(JsonNode? effectiveInput, JsonNode? context)
    {
        foreach (var rule in Choices)
        {
            if (rule.Matches(effectiveInput, context))
            {
                return rule.Next!;
            }
        }

        return Default ?? throw new AslRuntimeException(ErrorNames.Runtime, $"No Matches! in Choice state '{Name}' and no Default.");
    }
}

public sealed class WaitState : StateDefinition
{
    public override string Type => "Wait";

    public long? Seconds { get; init; }

    public string? SecondsPath { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public string? TimestampPath { get; init; }
}

public sealed class SucceedState : StateDefinition
{
    public override string Type => "Succeed";
}

public sealed class FailState : StateDefinition
{
    public override string Type => "Fail";

    public string? Error { get; init; }

    public string? ErrorPath { get; init; }

    public string? Cause { get; init; }

    public string? CausePath { get; init; }
}

public sealed class ParallelState : StateDefinition, IHasResultPath, IHasErrorHandling
{
    public override string Type => "Parallel";

    public required IReadOnlyList<StateMachineDefinition> Branches { get; init; }

    public JsonNode? Parameters { get; init; }

    public JsonNode? ResultSelector { get; init; }

    public string? ResultPath { get; init; }

    public bool ResultPathIsNull { get; init; }

    public IReadOnlyList<Retrier> Retry { get; init; } = [];

    public IReadOnlyList<Catcher> Catch { get; init; } = [];
}

/// <summary>An INLINE Map state (DISTRIBUTED mode, ItemReader and ResultWriter are rejected by Parse).</summary>
public sealed class MapState : StateDefinition, IHasResultPath, IHasErrorHandling
{
    public override string Type => "Map";

    /// <summary>ItemProcessor (or the legacy Iterator).</summary>
    public required StateMachineDefinition ItemProcessor { get; init; }

    /// <summary>Reference path to the items array; null when absent (meaning "$").</summary>
    public string? ItemsPath { get; init; }

    /// <summary>ItemSelector (or the legacy Parameters); evaluated per item with $$.Map.Item.Value/Index in the context.</summary>
    public JsonNode? ItemSelector { get; init; }

    /// <summary>0 (the default) means as many as possible.</summary>
    public int MaxConcurrency { get; init; }

    public string? MaxConcurrencyPath { get; init; }

    public double? ToleratedFailurePercentage { get; init; }

    public string? ToleratedFailurePercentagePath { get; init; }

    public int? ToleratedFailureCount { get; init; }

    public string? ToleratedFailureCountPath { get; init; }

    public string? Label { get; init; }

    public JsonNode? ResultSelector { get; init; }

    public string? ResultPath { get; init; }

    public bool ResultPathIsNull { get; init; }

    public IReadOnlyList<Retrier> Retry { get; init; } = [];

    public IReadOnlyList<Catcher> Catch { get; init; } = [];
}
