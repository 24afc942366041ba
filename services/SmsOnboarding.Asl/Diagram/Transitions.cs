using System.Text.Json;

namespace SmsOnboarding.Asl.Diagram;

/// <summary>A transition between two states of the same (sub)machine; several rules to one target are one transition.</summary>
public sealed record Transition(string From, string To, EdgeKind Kind, string? Label);

public static class Transitions
{
    /// <summary>
    /// The transitions out of a state in definition order: Next, each Choice rule, Default, each Catch.
    /// Rules of one kind that lead to the same state are merged, their conditions joined with " or ".
    /// </summary>
    public static IReadOnlyList<Transition> Of(StateDefinition state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var raw = new List<Transition>();
        if (state.Next is { } next)
        {
            raw.Add(new Transition(state.Name, next, EdgeKind.Next, null));
        }
        if (state is ChoiceState choice)
        {
            raw.AddRange(choice.Choices.Where(r => r.Next is not null).Select(r => new Transition(state.Name, r.Next!, EdgeKind.Choice, Describe(r))));
            if (choice.Default is { } fallback)
            {
                raw.Add(new Transition(state.Name, fallback, EdgeKind.Default, "otherwise"));
            }
        }
        if (state is IHasErrorHandling handling)
        {
            raw.AddRange(handling.Catch.Select(c => new Transition(state.Name, c.Next, EdgeKind.Catch, string.Join(", ", c.ErrorEquals))));
        }
        return raw.GroupBy(t => (t.To, t.Kind))
            .Select(g => g.First() with { Label = g.All(t => t.Label is null) ? null : string.Join(" or ", g.Select(t => t.Label)) })
            .ToList();
    }

    /// <summary>A one-line reading of a Choice rule, for the edge's tooltip.</summary>
    public static string Describe(ChoiceRule rule) => rule switch
    {
        AndRule and => string.Join(" and ", and.Rules.Select(r => "(" + Describe(r) + ")")),
        OrRule or => string.Join(" or ", or.Rules.Select(r => "(" + Describe(r) + ")")),
        NotRule not => "not (" + Describe(not.Rule) + ")",
        ComparisonRule c => $"{c.Variable} {c.Operator} {c.OperandPath ?? c.Operand?.ToJsonString(Compact) ?? "null"}".TrimEnd(),
        _ => rule.GetType().Name,
    };

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };
}
