using System.Text.Json.Nodes;

namespace SmsOnboarding.Asl;

/// <summary>
/// An immutable, validated Amazon States Language definition (JSONPath query language).
/// Also used for Parallel branches and Map item processors.
/// </summary>
public sealed class StateMachineDefinition
{
    internal StateMachineDefinition(string startAt, string? comment, int? timeoutSeconds, IReadOnlyDictionary<string, StateDefinition> states)
    {
        StartAt = startAt;
        Comment = comment;
        TimeoutSeconds = timeoutSeconds;
        States = states;
    }

    public string StartAt { get; }

    public string? Comment { get; }

    public int? TimeoutSeconds { get; }

    /// <summary>States by name, in definition order.</summary>
    public IReadOnlyDictionary<string, StateDefinition> States { get; }

    public StateDefinition this[string stateName] =>
        States.TryGetValue(stateName, out var state)
            ? state
            : throw new KeyNotFoundException($"No state named '{stateName}' in this definition.");

    public StateDefinition StartState => this[StartAt];

    /// <summary>Parses and validates; throws <see cref="AslDefinitionException"/> listing every problem.</summary>
    public static StateMachineDefinition Parse(string json) => DefinitionParser.Parse(json);

    /// <summary>Parses and validates; throws <see cref="AslDefinitionException"/> listing every problem.</summary>
    public static StateMachineDefinition Parse(JsonObject json) => DefinitionParser.Parse(json);

    /// <summary>Validates without throwing; returns the problems (empty when valid).</summary>
    public static IReadOnlyList<DefinitionProblem> Validate(string json)
    {
        try
        {
            Parse(json);
            return [];
        }
        catch (AslDefinitionException e)
        {
            return e.Problems;
        }
    }
}
