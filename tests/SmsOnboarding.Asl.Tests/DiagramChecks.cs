using System.Text.Json.Nodes;
using SmsOnboarding.Asl.Diagram;

namespace SmsOnboarding.Asl.Tests;

/// <summary>What every laid-out diagram must satisfy, checked against the definition's own JSON.</summary>
internal static class DiagramChecks
{
    /// <summary>Every state name in the JSON, nested Parallel branches and Map processors included, with its owner.</summary>
    public static List<(string Name, string? Owner)> States(JsonObject machine, string? owner = null)
    {
        var found = new List<(string, string?)>();
        foreach (var (name, node) in machine["States"]!.AsObject())
        {
            found.Add((name, owner));
            foreach (var branch in node!["Branches"]?.AsArray() ?? [])
            {
                found.AddRange(States(branch!.AsObject(), name));
            }
            if ((node["ItemProcessor"] ?? node["Iterator"]) is JsonObject processor)
            {
                found.AddRange(States(processor, name));
            }
        }
        return found;
    }

    /// <summary>Every distinct (from, to, kind) transition written in the JSON.</summary>
    public static HashSet<(string From, string To, EdgeKind Kind)> Transitions(JsonObject machine)
    {
        var found = new HashSet<(string, string, EdgeKind)>();
        foreach (var (name, node) in machine["States"]!.AsObject())
        {
            if ((string?)node!["Next"] is { } next)
            {
                found.Add((name, next, EdgeKind.Next));
            }
            if ((string?)node["Default"] is { } fallback)
            {
                found.Add((name, fallback, EdgeKind.Default));
            }
            foreach (var rule in node["Choices"]?.AsArray() ?? [])
            {
                found.Add((name, (string)rule!["Next"]!, EdgeKind.Choice));
            }
            foreach (var c in node["Catch"]?.AsArray() ?? [])
            {
                found.Add((name, (string)c!["Next"]!, EdgeKind.Catch));
            }
            foreach (var branch in node["Branches"]?.AsArray() ?? [])
            {
                found.UnionWith(Transitions(branch!.AsObject()));
            }
            if ((node["ItemProcessor"] ?? node["Iterator"]) is JsonObject processor)
            {
                found.UnionWith(Transitions(processor));
            }
        }
        return found;
    }

    public static void Holds(string definitionJson, WorkflowDiagram diagram)
    {
        var json = JsonNode.Parse(definitionJson)!.AsObject();
        EachStateOnceInItsOwner(json, diagram);
        EachTransitionOneEdge(json, diagram);
        EdgesGoDownExceptLoops(diagram);
        NoBoxesOverlap(diagram);
        EdgesJoinTheirBoxesAndMissTheOthers(diagram);
    }

    public static void EachStateOnceInItsOwner(JsonObject json, WorkflowDiagram diagram)
    {
        var expected = States(json).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        var actual = diagram.Nodes.Select(n => (n.Name, Owner: n.Parent)).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
    }

    public static void EachTransitionOneEdge(JsonObject json, WorkflowDiagram diagram)
    {
        var edges = diagram.Edges.Select(e => (e.From, e.To, e.Kind)).ToList();
        Assert.Equal(edges.Count, edges.Distinct().Count());
        Assert.Equal(Transitions(json).OrderBy(t => t.ToString(), StringComparer.Ordinal), edges.OrderBy(t => t.ToString(), StringComparer.Ordinal));
    }

    /// <summary>Edges marked as going down do, and an edge marked as closing a loop really does: its target reaches its source.</summary>
    public static void EdgesGoDownExceptLoops(WorkflowDiagram diagram)
    {
        var byName = diagram.Nodes.ToDictionary(n => n.Name);
        foreach (var e in diagram.Edges)
        {
            var (from, to) = (byName[e.From], byName[e.To]);
            Assert.Equal(from.Parent, to.Parent);
            Assert.Equal(from.Group, to.Group);
            if (e.Back)
            {
                Assert.True(Reaches(diagram, e.To, e.From), $"{e.From} -> {e.To} is drawn as closing a loop but {e.To} never leads back to {e.From}");
            }
            else
            {
                Assert.True(from.Layer < to.Layer, $"{e.From} (layer {from.Layer}) -> {e.To} (layer {to.Layer}) does not go down");
                Assert.True(from.Y + from.Height < to.Y, $"{e.From} is not above {e.To}");
            }
        }
    }

    private static bool Reaches(WorkflowDiagram diagram, string from, string to)
    {
        var seen = new HashSet<string> { from };
        var queue = new Queue<string>([from]);
        while (queue.TryDequeue(out var at))
        {
            if (at == to)
            {
                return true;
            }
            foreach (var e in diagram.Edges.Where(e => e.From == at && seen.Add(e.To)))
            {
                queue.Enqueue(e.To);
            }
        }
        return false;
    }

    /// <summary>
    /// Siblings (states of one branch) and the branch frames of one state never overlap; a state lies inside its
    /// branch frame, and a frame inside its owner's box.
    /// </summary>
    public static void NoBoxesOverlap(WorkflowDiagram diagram)
    {
        foreach (var siblings in diagram.Nodes.GroupBy(n => (n.Parent, n.Group)))
        {
            var list = siblings.ToList();
            for (var i = 0; i < list.Count; i++)
            {
                for (var j = i + 1; j < list.Count; j++)
                {
                    Assert.False(Overlap(Rect(list[i]), Rect(list[j])), $"{list[i].Name} overlaps {list[j].Name}");
                }
            }
            if (siblings.Key.Parent is { } owner)
            {
                var frame = diagram.Groups.Single(g => g.Owner == owner && g.Index == siblings.Key.Group);
                Assert.All(list, n => Assert.True(Inside(Rect(n), Rect(frame)), $"{n.Name} is outside its branch frame"));
            }
            else
            {
                Assert.All(list, n => Assert.True(Inside(Rect(n), (0, 0, diagram.Width, diagram.Height)), $"{n.Name} is outside the picture"));
            }
        }
        foreach (var frames in diagram.Groups.GroupBy(g => g.Owner))
        {
            var owner = diagram.Nodes.Single(n => n.Name == frames.Key);
            var list = frames.ToList();
            Assert.All(list, g => Assert.True(Inside(Rect(g), Rect(owner)), $"a frame of {owner.Name} sticks out of it"));
            for (var i = 0; i < list.Count; i++)
            {
                for (var j = i + 1; j < list.Count; j++)
                {
                    Assert.False(Overlap(Rect(list[i]), Rect(list[j])), $"branches {i} and {j} of {owner.Name} overlap");
                }
            }
        }
    }

    /// <summary>An edge starts on its source's border, ends on its target's, and passes through no other box.</summary>
    public static void EdgesJoinTheirBoxesAndMissTheOthers(WorkflowDiagram diagram)
    {
        var byName = diagram.Nodes.ToDictionary(n => n.Name);
        foreach (var e in diagram.Edges)
        {
            Assert.True(e.Points.Count >= 2, $"{e.From} -> {e.To} has {e.Points.Count} points");
            Assert.True(OnBorder(e.Points[0], Rect(byName[e.From])), $"{e.From} -> {e.To} does not start on {e.From}");
            Assert.True(OnBorder(e.Points[^1], Rect(byName[e.To])), $"{e.From} -> {e.To} does not end on {e.To}");
            var ancestors = new HashSet<string>();
            for (var p = byName[e.From].Parent; p is not null; p = byName[p].Parent)
            {
                ancestors.Add(p);
            }
            foreach (var n in diagram.Nodes.Where(n => n.Name != e.From && n.Name != e.To && !ancestors.Contains(n.Name)))
            {
                for (var i = 0; i + 1 < e.Points.Count; i++)
                {
                    Assert.False(Crosses(e.Points[i], e.Points[i + 1], Rect(n)), $"{e.From} -> {e.To} passes through {n.Name}");
                }
            }
        }
    }

    /// <summary>Crossings between edges of one branch, counted geometrically (segments sharing an end do not count).</summary>
    public static int Crossings(WorkflowDiagram diagram)
    {
        var segments = diagram.Edges.SelectMany(e => e.Points.Zip(e.Points.Skip(1), (a, b) => (Edge: e, A: a, B: b))).ToList();
        var count = 0;
        for (var i = 0; i < segments.Count; i++)
        {
            for (var j = i + 1; j < segments.Count; j++)
            {
                var (s, t) = (segments[i], segments[j]);
                if (s.Edge != t.Edge && !new[] { s.A, s.B }.Intersect([t.A, t.B]).Any() && Intersect(s.A, s.B, t.A, t.B))
                {
                    count++;
                }
            }
        }
        return count;
    }

    private static (int X, int Y, int W, int H) Rect(DiagramNode n) => (n.X, n.Y, n.Width, n.Height);

    private static (int X, int Y, int W, int H) Rect(DiagramGroup g) => (g.X, g.Y, g.Width, g.Height);

    private static bool Overlap((int X, int Y, int W, int H) a, (int X, int Y, int W, int H) b) =>
        a.X < b.X + b.W && b.X < a.X + a.W && a.Y < b.Y + b.H && b.Y < a.Y + a.H;

    private static bool Inside((int X, int Y, int W, int H) inner, (int X, int Y, int W, int H) outer) =>
        inner.X >= outer.X && inner.Y >= outer.Y && inner.X + inner.W <= outer.X + outer.W && inner.Y + inner.H <= outer.Y + outer.H;

    private static bool OnBorder(DiagramPoint p, (int X, int Y, int W, int H) r) =>
        p.X >= r.X && p.X <= r.X + r.W && p.Y >= r.Y && p.Y <= r.Y + r.H
        && (p.X == r.X || p.X == r.X + r.W || p.Y == r.Y || p.Y == r.Y + r.H);

    /// <summary>True when the segment enters the box's interior (Liang–Barsky clipping against the open rectangle).</summary>
    private static bool Crosses(DiagramPoint a, DiagramPoint b, (int X, int Y, int W, int H) r)
    {
        double t0 = 0, t1 = 1;
        double dx = b.X - a.X, dy = b.Y - a.Y;
        var sides = new (double P, double Q)[]
        {
            (-dx, a.X - (r.X + 0.5)), (dx, r.X + r.W - 0.5 - a.X), (-dy, a.Y - (r.Y + 0.5)), (dy, r.Y + r.H - 0.5 - a.Y),
        };
        foreach (var (p, q) in sides)
        {
            if (p == 0)
            {
                if (q < 0)
                {
                    return false;
                }
                continue;
            }
            var t = q / p;
            if (p < 0)
            {
                t0 = Math.Max(t0, t);
            }
            else
            {
                t1 = Math.Min(t1, t);
            }
            if (t0 > t1)
            {
                return false;
            }
        }
        return true;
    }

    private static bool Intersect(DiagramPoint p1, DiagramPoint p2, DiagramPoint p3, DiagramPoint p4)
    {
        static long Cross(DiagramPoint o, DiagramPoint a, DiagramPoint b) => ((long)(a.X - o.X) * (b.Y - o.Y)) - ((long)(a.Y - o.Y) * (b.X - o.X));
        var d1 = Cross(p3, p4, p1);
        var d2 = Cross(p3, p4, p2);
        var d3 = Cross(p1, p2, p3);
        var d4 = Cross(p1, p2, p4);
        return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
    }
}
