using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using SmsOnboarding.Asl.Diagram;

namespace SmsOnboarding.Asl.Tests;

public class WorkflowDiagramTests
{
    private const string Task = "arn:aws:states:::lambda:invoke";

    private static string OnboardingDefinition([CallerFilePath] string here = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "statemachine", "onboarding.asl.json"));

    private static WorkflowDiagram Lay(string json) => WorkflowDiagram.Of(StateMachineDefinition.Parse(json));

    [Fact]
    public void The_onboarding_workflow_is_laid_out_with_every_state_once_every_transition_as_an_edge_and_no_overlaps()
    {
        var json = OnboardingDefinition();
        var diagram = Lay(json);

        DiagramChecks.Holds(json, diagram);
        Assert.True(diagram.Nodes.Count > 40, $"only {diagram.Nodes.Count} states");
        Assert.Contains(diagram.Groups, g => g.Owner == "Prepare" && g.Index == 2);
        Assert.Contains(diagram.Groups, g => g.Owner == "VerifySandboxNumbers" && g.Label == "for each item");
    }

    [Fact]
    public void The_onboarding_workflow_runs_top_to_bottom_from_start_to_onboarded()
    {
        var diagram = Lay(OnboardingDefinition());
        var top = diagram.Nodes.Where(n => n.Parent is null).OrderBy(n => n.Y).Select(n => n.Name).ToList();

        Assert.Equal(["Start", "ResolveAccountAndPool", "KeepPool", "EnsureSmsRole", "Prepare", "Finalize", "SendTestMessage", "Onboarded"], top);
        Assert.True(diagram.Nodes.Single(n => n.Name == "Start").Start);
        Assert.True(diagram.Nodes.Single(n => n.Name == "Onboarded").End);
    }

    [Fact]
    public void The_onboarding_workflow_is_drawn_with_few_crossing_edges()
    {
        // 5 when written; without the ordering sweeps it is 32. A layout change that tangles the picture fails here.
        Assert.InRange(DiagramChecks.Crossings(Lay(OnboardingDefinition())), 0, 8);
    }

    [Fact]
    public void The_same_definition_always_gives_the_same_picture()
    {
        var json = OnboardingDefinition();

        Assert.Equal(JsonSerializer.Serialize(Lay(json)), JsonSerializer.Serialize(Lay(json)));
    }

    [Fact]
    public void Layers_follow_the_longest_path_from_the_start_in_an_acyclic_machine()
    {
        var json = """
            {"StartAt":"A","States":{
              "A":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"B"}],"Default":"C"},
              "B":{"Type":"Pass","Next":"C"},
              "C":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Next":"D"},
              "D":{"Type":"Succeed"}}}
            """;
        var diagram = Lay(json);

        Assert.Equal([0, 1, 2, 3], diagram.Nodes.Select(n => n.Layer));
        Assert.DoesNotContain(diagram.Edges, e => e.Back);
        DiagramChecks.Holds(json, diagram);
    }

    [Fact]
    public void A_loop_is_closed_by_exactly_one_upward_edge()
    {
        var json = """
            {"StartAt":"Wait","States":{
              "Wait":{"Type":"Wait","Seconds":60,"Next":"Check"},
              "Check":{"Type":"Pass","Next":"Done?"},
              "Done?":{"Type":"Choice","Choices":[{"Variable":"$.done","BooleanEquals":true,"Next":"End"}],"Default":"Wait"},
              "End":{"Type":"Succeed"}}}
            """;
        var diagram = Lay(json);

        var back = Assert.Single(diagram.Edges, e => e.Back);
        Assert.Equal(("Done?", "Wait", EdgeKind.Default), (back.From, back.To, back.Kind));
        // It leaves the later state through its top and enters the earlier one from below.
        var (from, to) = (diagram.Nodes.Single(n => n.Name == "Done?"), diagram.Nodes.Single(n => n.Name == "Wait"));
        Assert.Equal(from.Y, back.Points[0].Y);
        Assert.Equal(to.Y + to.Height, back.Points[^1].Y);
        DiagramChecks.Holds(json, diagram);
    }

    [Fact]
    public void Choice_rules_default_and_catch_are_distinct_edges_labelled_with_their_condition()
    {
        var json = """
            {"StartAt":"Route","States":{
              "Route":{"Type":"Choice","Choices":[
                {"Variable":"$.n","NumericGreaterThan":5,"Next":"Work"},
                {"And":[{"Variable":"$.a","IsPresent":true},{"Variable":"$.a","StringEquals":"x"}],"Next":"Work"}],
                "Default":"Give up"},
              "Work":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.Timeout","Busy"],"Next":"Give up"}],"End":true},
              "Give up":{"Type":"Fail","Error":"E"}}}
            """;
        var diagram = Lay(json);
        var edges = diagram.Edges.ToDictionary(e => (e.From, e.To, e.Kind));

        Assert.Equal(3, edges.Count);
        Assert.Equal("$.n NumericGreaterThan 5 or ($.a IsPresent true) and ($.a StringEquals \"x\")", edges[("Route", "Work", EdgeKind.Choice)].Label);
        Assert.Equal("otherwise", edges[("Route", "Give up", EdgeKind.Default)].Label);
        Assert.Equal("States.Timeout, Busy", edges[("Work", "Give up", EdgeKind.Catch)].Label);
        DiagramChecks.Holds(json, diagram);
    }

    [Fact]
    public void Parallel_branches_sit_side_by_side_inside_their_state_and_a_map_processor_inside_its_state()
    {
        var json = """
            {"StartAt":"Both","States":{
              "Both":{"Type":"Parallel","Next":"Each","Branches":[
                {"StartAt":"L1","States":{"L1":{"Type":"Pass","Next":"L2"},"L2":{"Type":"Pass","End":true}}},
                {"StartAt":"R1","States":{"R1":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}}]},
              "Each":{"Type":"Map","ItemsPath":"$.items","End":true,
                "ItemProcessor":{"StartAt":"One","States":{"One":{"Type":"Pass","End":true}}}}}}
            """;
        var diagram = Lay(json);
        var frames = diagram.Groups.Where(g => g.Owner == "Both").OrderBy(g => g.Index).ToList();

        Assert.Equal(2, frames.Count);
        Assert.True(frames[0].X + frames[0].Width < frames[1].X, "branches are not side by side");
        Assert.Equal(["branch 1 of 2", "branch 2 of 2"], frames.Select(f => f.Label));
        Assert.Equal(("Both", 1), diagram.Nodes.Where(n => n.Name == "R1").Select(n => (n.Parent!, n.Group)).Single());
        Assert.Equal("Each", diagram.Nodes.Single(n => n.Name == "One").Parent);
        DiagramChecks.Holds(json, diagram);
    }

    [Fact]
    public void A_dotted_name_is_shown_as_its_last_part_under_its_prefix_and_type()
    {
        var json = """
            {"StartAt":"Sandbox.Ask","States":{"Sandbox.Ask":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken","End":true}}}
            """;
        var node = Assert.Single(Lay(json).Nodes);

        Assert.Equal(("Ask", "Sandbox · Task · waits for callback"), (node.Label, node.Caption));
    }

    [Fact]
    public void A_tree_shaped_machine_is_drawn_without_crossings()
    {
        // Definition order deliberately interleaves the two subtrees.
        var json = """
            {"StartAt":"Root","States":{
              "Root":{"Type":"Choice","Choices":[{"Variable":"$.l","IsPresent":true,"Next":"Left"}],"Default":"Right"},
              "RightLeaf":{"Type":"Succeed"},
              "LeftA":{"Type":"Succeed"},
              "Right":{"Type":"Choice","Choices":[{"Variable":"$.r","IsPresent":true,"Next":"RightLeaf"}],"Default":"RightOther"},
              "Left":{"Type":"Choice","Choices":[{"Variable":"$.a","IsPresent":true,"Next":"LeftA"}],"Default":"LeftB"},
              "LeftB":{"Type":"Succeed"},
              "RightOther":{"Type":"Succeed"}}}
            """;
        var diagram = Lay(json);

        Assert.Equal(0, DiagramChecks.Crossings(diagram));
        DiagramChecks.Holds(json, diagram);
    }

    [Fact]
    public void Any_valid_machine_gets_a_layout_that_keeps_every_rule()
    {
        Gen.Select(Gen.Int[1, 14], Gen.Int[0, 999].Array[120]).Sample((size, choices) =>
        {
            var json = RandomMachine(size, choices);
            var diagram = Lay(json);
            DiagramChecks.Holds(json, diagram);
            Assert.Equal(JsonSerializer.Serialize(diagram), JsonSerializer.Serialize(Lay(json)));
        }, iter: 150);
    }

    /// <summary>
    /// A valid machine of <paramref name="size"/> states. Each state after the first is reached from a random earlier
    /// one (the first is a Choice, so there always is one), so states fan out into shared layers; then the open
    /// Next fields, extra Choice rules, Defaults and Catches point anywhere, loops included. Parallel and Map
    /// states nest smaller machines built the same way.
    /// </summary>
    private static string RandomMachine(int size, int[] choices)
    {
        var next = 0;
        int Pick(int bound) => choices[next++ % choices.Length] % bound;
        JsonObject Machine(string prefix, int count, bool nest)
        {
            string Name(int i) => prefix + "S" + i;
            var states = new List<JsonObject>();
            for (var i = 0; i < count; i++)
            {
                states.Add((i == 0 ? 1 : Pick(nest ? 6 : 4)) switch
                {
                    0 => new JsonObject { ["Type"] = "Pass" },
                    1 or 2 => new JsonObject { ["Type"] = "Choice", ["Choices"] = new JsonArray() },
                    3 => new JsonObject { ["Type"] = "Task", ["Resource"] = Task, ["Catch"] = new JsonArray() },
                    4 => new JsonObject { ["Type"] = "Parallel", ["Branches"] = new JsonArray([.. Enumerable.Range(0, 1 + Pick(2)).Select(b => Machine(Name(i) + "b" + b + ".", 1 + Pick(5), nest: false))]) },
                    _ => new JsonObject { ["Type"] = "Map", ["ItemProcessor"] = Machine(Name(i) + "m.", 1 + Pick(5), nest: false) },
                });
            }
            bool IsChoice(int i) => (string)states[i]["Type"]! == "Choice";
            for (var i = 1; i < count; i++)
            {
                var open = Enumerable.Range(0, i).Where(j => IsChoice(j) || states[j]["Next"] is null).ToList();
                var from = open[Pick(open.Count)];
                if (IsChoice(from))
                {
                    states[from]["Choices"]!.AsArray().Add(Rule(Name(i)));
                }
                else
                {
                    states[from]["Next"] = Name(i);
                }
            }
            for (var i = 0; i < count; i++)
            {
                var state = states[i];
                if (IsChoice(i))
                {
                    var rules = state["Choices"]!.AsArray();
                    for (var r = rules.Count == 0 ? 1 : Pick(2); r > 0; r--)
                    {
                        rules.Add(Rule(Name(Pick(count))));
                    }
                    if (Pick(2) == 0)
                    {
                        state["Default"] = Name(Pick(count));
                    }
                    continue;
                }
                if (state["Next"] is null)
                {
                    if (Pick(3) == 0)
                    {
                        state["Next"] = Name(Pick(count));
                    }
                    else
                    {
                        state["End"] = true;
                    }
                }
                if (state["Catch"] is JsonArray catchers)
                {
                    catchers.Add(Catcher(Name(Pick(count))));
                }
            }
            var all = new JsonObject();
            for (var i = 0; i < count; i++)
            {
                all[Name(i)] = states[i];
            }
            return new JsonObject { ["StartAt"] = Name(0), ["States"] = all };
        }
        static JsonObject Rule(string to) => new() { ["Variable"] = "$.x", ["IsPresent"] = true, ["Next"] = to };
        static JsonObject Catcher(string to) => new() { ["ErrorEquals"] = new JsonArray("States.ALL"), ["Next"] = to };
        return Machine("", size, nest: true).ToJsonString();
    }
}
