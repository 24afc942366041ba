namespace SmsOnboarding.Asl.Diagram;

/// <summary>
/// Lays out each (sub)machine on its own, innermost first: a Parallel or Map state is a box big enough for its
/// branches side by side, and the branches are then placed inside that box once the outer layout is known.
/// Text is sized for a monospace font (12px names, 10px captions), so the renderer must use one.
/// </summary>
internal static class DiagramBuilder
{
    public const double NameCharWidth = 7.3;
    public const double CaptionCharWidth = 6.1;
    private const int Margin = 16;
    private const int TextPadding = 10;
    private const int MinWidth = 96;
    private const int LeafHeight = 40;
    private const int HeaderHeight = 40;
    private const int Padding = 12;
    private const int GroupGap = 16;
    private const int GroupLabelHeight = 22;
    private const int GroupPadding = 12;

    public static WorkflowDiagram Build(StateMachineDefinition definition)
    {
        var root = Measure(definition);
        var nodes = new List<DiagramNode>();
        var edges = new List<DiagramEdge>();
        var groups = new List<DiagramGroup>();
        Emit(root, Margin, Margin, parent: null, group: 0, nodes, edges, groups);
        return new WorkflowDiagram(root.Layout.Width + (2 * Margin), root.Layout.Height + (2 * Margin), nodes, edges, groups);
    }

    private sealed record Measured(
        StateMachineDefinition Definition, IReadOnlyList<string> Names, IReadOnlyList<Transition> Transitions,
        IReadOnlyList<Box> Boxes, LayeredResult Layout, IReadOnlyDictionary<string, IReadOnlyList<Measured>> Inner);

    private static Measured Measure(StateMachineDefinition definition)
    {
        var names = definition.States.Keys.ToList();
        var index = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
        var inner = new Dictionary<string, IReadOnlyList<Measured>>(StringComparer.Ordinal);
        var boxes = new List<Box>();
        foreach (var name in names)
        {
            var state = definition.States[name];
            IReadOnlyList<StateMachineDefinition> machines = state switch
            {
                ParallelState p => p.Branches,
                MapState m => [m.ItemProcessor],
                _ => [],
            };
            var (caption, label) = Text(state);
            var textWidth = TextWidth(caption, label);
            if (machines.Count == 0)
            {
                boxes.Add(new Box(textWidth, LeafHeight));
                continue;
            }
            var measured = machines.Select(Measure).ToList();
            inner[name] = measured;
            var groupsWidth = measured.Sum(m => m.Layout.Width + (2 * GroupPadding)) + (GroupGap * (measured.Count - 1)) + (2 * Padding);
            var groupsHeight = measured.Max(m => m.Layout.Height + GroupLabelHeight + GroupPadding);
            boxes.Add(new Box(Math.Max(textWidth, groupsWidth), HeaderHeight + groupsHeight + Padding));
        }
        var transitions = names.SelectMany(n => Transitions.Of(definition.States[n])).ToList();
        var layout = LayeredLayout.Run(boxes, transitions.Select(t => new LayoutEdge(index[t.From], index[t.To])).ToList(), index[definition.StartAt]);
        return new Measured(definition, names, transitions, boxes, layout, inner);
    }

    private static void Emit(Measured m, int dx, int dy, string? parent, int group, List<DiagramNode> nodes, List<DiagramEdge> edges, List<DiagramGroup> groups)
    {
        var layout = m.Layout;
        var nested = new List<(Measured Inner, int X, int Y, string Owner, int Group)>();
        for (var i = 0; i < m.Names.Count; i++)
        {
            var state = m.Definition.States[m.Names[i]];
            var (caption, label) = Text(state);
            var x = dx + layout.X[i];
            var y = dy + layout.Y[i];
            var box = m.Boxes[i];
            nodes.Add(new DiagramNode(state.Name, state.Type, parent, group, layout.Layer[i], x, y, box.Width, box.Height,
                caption, label, state.Name == m.Definition.StartAt, state.End));
            if (!m.Inner.TryGetValue(state.Name, out var machines))
            {
                continue;
            }
            var gx = x + Padding;
            for (var g = 0; g < machines.Count; g++)
            {
                var inner = machines[g];
                var frame = new DiagramGroup(state.Name, g, GroupLabel(state, g, machines.Count), gx, y + HeaderHeight,
                    inner.Layout.Width + (2 * GroupPadding), inner.Layout.Height + GroupLabelHeight + GroupPadding);
                groups.Add(frame);
                nested.Add((inner, frame.X + GroupPadding, frame.Y + GroupLabelHeight, state.Name, g));
                gx += frame.Width + GroupGap;
            }
        }
        for (var e = 0; e < m.Transitions.Count; e++)
        {
            var t = m.Transitions[e];
            edges.Add(new DiagramEdge(t.From, t.To, t.Kind, t.Label, layout.Back[e], layout.Routes[e].Select(p => new DiagramPoint(p.X + dx, p.Y + dy)).ToList()));
        }
        foreach (var (inner, x, y, owner, g) in nested)
        {
            Emit(inner, x, y, owner, g, nodes, edges, groups);
        }
    }

    private static string GroupLabel(StateDefinition owner, int index, int count) =>
        owner is MapState ? "for each item" : $"branch {index + 1} of {count}";

    /// <summary>
    /// The bold line is the name after its last dot, the small line the prefix and the type: "Sandbox.CheckCase"
    /// reads "CheckCase" under "Sandbox · Task", which keeps the dotted names of sub-flows narrow.
    /// </summary>
    internal static (string Caption, string Label) Text(StateDefinition state)
    {
        var dot = state.Name.LastIndexOf('.');
        var label = dot > 0 && dot < state.Name.Length - 1 ? state.Name[(dot + 1)..] : state.Name;
        var kind = state is TaskState { Resource: var resource } && resource.EndsWith(".waitForTaskToken", StringComparison.Ordinal)
            ? "Task · waits for callback"
            : state.Type;
        var caption = label.Length == state.Name.Length ? kind : state.Name[..dot] + " · " + kind;
        return (caption, label);
    }

    private static int TextWidth(string caption, string label) =>
        Math.Max(MinWidth, (int)Math.Ceiling(Math.Max(label.Length * NameCharWidth, caption.Length * CaptionCharWidth)) + (2 * TextPadding));
}
