namespace SmsOnboarding.Asl.Diagram;

/// <summary>How one state hands over to the next.</summary>
public enum EdgeKind
{
    /// <summary>The state's <c>Next</c>.</summary>
    Next,

    /// <summary>A Choice rule's <c>Next</c>.</summary>
    Choice,

    /// <summary>A Choice state's <c>Default</c>.</summary>
    Default,

    /// <summary>A <c>Catch</c> entry's <c>Next</c>.</summary>
    Catch,
}

public readonly record struct DiagramPoint(int X, int Y);

/// <summary>
/// A state's box. <see cref="Parent"/> is the Parallel or Map state it runs inside (null at the top level) and
/// <see cref="Group"/> which branch of it (always 0 for a Map's item processor). <see cref="Caption"/> and
/// <see cref="Label"/> are the two text lines the box was sized for (monospace).
/// </summary>
public sealed record DiagramNode(
    string Name, string Type, string? Parent, int Group, int Layer,
    int X, int Y, int Width, int Height, string Caption, string Label, bool Start, bool End);

/// <summary>The frame of one Parallel branch or of a Map's item processor, inside its owner's box.</summary>
public sealed record DiagramGroup(string Owner, int Index, string Label, int X, int Y, int Width, int Height);

/// <summary>
/// One transition, drawn as a polyline from <see cref="From"/> to <see cref="To"/> (arrow at the last point).
/// <see cref="Back"/> marks the edges that close a loop: they point up, against the layering.
/// </summary>
public sealed record DiagramEdge(string From, string To, EdgeKind Kind, string? Label, bool Back, IReadOnlyList<DiagramPoint> Points);

/// <summary>
/// A state machine laid out for drawing: boxes in layers top to bottom (longest path from the start), their
/// order within a layer chosen to reduce crossings, Parallel branches and Map item processors laid out
/// recursively inside their state's box. Deterministic: the same definition always gives the same picture.
/// </summary>
public sealed record WorkflowDiagram(int Width, int Height, IReadOnlyList<DiagramNode> Nodes, IReadOnlyList<DiagramEdge> Edges, IReadOnlyList<DiagramGroup> Groups)
{
    public static WorkflowDiagram Of(StateMachineDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return DiagramBuilder.Build(definition);
    }
}
