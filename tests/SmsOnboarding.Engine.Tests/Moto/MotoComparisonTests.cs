using System.Text.Json.Nodes;
using SmsOnboarding.Testing;

namespace SmsOnboarding.Engine.Tests.Moto;

/// <summary>
/// The same definitions and inputs on moto's executing Step Functions and on our engine, through the same client:
/// the final status, output, error, cause and sequence of history event types must agree. Where moto departs from
/// the AWS documentation, the engine is held to AWS and moto's behaviour is asserted separately, so either changing fails.
/// </summary>
public sealed class MotoComparisonTests(StepFunctionsPair pair) : IClassFixture<StepFunctionsPair>
{
    [MotoFact]
    public async Task Pass_states_apply_Result_ResultPath_InputPath_Parameters_and_OutputPath_alike()
    {
        var outcome = await AssertSameAsync("""
            {"StartAt":"Seed","States":{
              "Seed":{"Type":"Pass","Result":{"n":3,"tags":["a","b"]},"ResultPath":"$.seed","Next":"Shape"},
              "Shape":{"Type":"Pass","InputPath":"$.seed","Parameters":{"count.$":"$.n","first.$":"$.tags[0]","fixed":"x"},
                       "ResultPath":"$.shaped","OutputPath":"$.shaped","Next":"Replace"},
              "Replace":{"Type":"Pass","Result":"done","ResultPath":"$.status","End":true}}}
            """, """{"keep":true}""");

        AssertJson("""{"count":3,"first":"a","fixed":"x","status":"done"}""", outcome.Output);
    }

    [MotoFact]
    public async Task Choice_rules_with_And_Not_BooleanEquals_StringMatches_IsPresent_and_Path_comparisons_pick_the_same_branch()
    {
        var outcome = await AssertSameAsync("""
            {"StartAt":"Pick","States":{
              "Pick":{"Type":"Choice","Choices":[
                 {"And":[{"Variable":"$.n","NumericGreaterThanEquals":10},{"Not":{"Variable":"$.kind","StringEquals":"small"}}],"Next":"Big"},
                 {"Variable":"$.flag","BooleanEquals":true,"Next":"Flagged"},
                 {"Variable":"$.name","StringMatches":"sms-*","Next":"Sms"}],"Default":"Other"},
              "Big":{"Type":"Pass","Result":"big","End":true},
              "Flagged":{"Type":"Pass","Result":"flagged","End":true},
              "Sms":{"Type":"Pass","Result":"sms","ResultPath":"$.route","Next":"Again"},
              "Again":{"Type":"Choice","Choices":[
                 {"Variable":"$.missing","IsPresent":true,"Next":"Other"},
                 {"Variable":"$.n","NumericLessThanPath":"$.limit","Next":"Done"}],"Default":"Other"},
              "Done":{"Type":"Succeed"},
              "Other":{"Type":"Pass","Result":"other","End":true}}}
            """, """{"n":3,"kind":"small","flag":false,"name":"sms-onboarding","limit":5}""");

        Assert.Equal("sms", (string?)outcome.Output!["route"]);
        Assert.Equal("SucceedStateExited", outcome.EventTypes[^2]);
    }

    [MotoFact]
    public async Task Parallel_branches_produce_an_array_of_branch_outputs_in_branch_order()
    {
        var outcome = await AssertSameAsync(concurrentBranches: true, definition: """
            {"StartAt":"Both","States":{"Both":{"Type":"Parallel","ResultPath":"$.both","End":true,"Branches":[
               {"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"a.$":"$.x"},"End":true}}},
               {"StartAt":"B","States":{"B":{"Type":"Pass","Result":"b","Next":"B2"},"B2":{"Type":"Pass","End":true}}}]}}}
            """, input: """{"x":1}""");

        AssertJson("""{"x":1,"both":[{"a":1},"b"]}""", outcome.Output);
    }

    [MotoFact]
    public async Task Inline_Map_with_ItemSelector_and_the_Map_context_object_collects_every_iteration()
    {
        var outcome = await AssertSameAsync("""
            {"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":1,
               "ItemSelector":{"v.$":"$$.Map.Item.Value","i.$":"$$.Map.Item.Index","p.$":"$.prefix"},
               "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"Label","States":{
                 "Label":{"Type":"Pass","Parameters":{"label.$":"States.Format('{}-{}', $.p, $.v)","i.$":"$.i"},"End":true}}},
               "ResultPath":"$.mapped","End":true}}}
            """, """{"items":["a","b","c"],"prefix":"p"}""");

        AssertJson("""[{"label":"p-a","i":0},{"label":"p-b","i":1},{"label":"p-c","i":2}]""", outcome.Output!["mapped"]);
    }

    [MotoFact]
    public async Task Intrinsic_functions_evaluate_to_the_same_values()
    {
        var outcome = await AssertSameAsync("""
            {"StartAt":"Calc","States":{"Calc":{"Type":"Pass","End":true,"Parameters":{
               "greeting.$":"States.Format('Hello {}, you are {}', $.name, $.age)",
               "arr.$":"States.Array($.name, $.age, 'x')",
               "sum.$":"States.MathAdd($.age, -2)",
               "parsed.$":"States.StringToJson($.raw)",
               "merged.$":"States.JsonMerge($.a, $.b, false)",
               "len.$":"States.ArrayLength($.list)",
               "text.$":"States.JsonToString($.a)",
               "has.$":"States.ArrayContains($.list, 2)",
               "part.$":"States.ArrayPartition($.list, 2)",
               "at.$":"States.ArrayGetItem($.list, 1)",
               "split.$":"States.StringSplit($.csv, ',')",
               "b64.$":"States.Base64Encode($.name)"}}}}
            """, """{"name":"Ana","age":40,"raw":"{\"k\":[1,2]}","a":{"x":1,"y":{"z":1}},"b":{"y":{"w":2},"q":3},"list":[1,2,3],"csv":"a,b,c"}""");

        // Shallow merge: b's "y" replaces a's "y" wholesale (AWS: deep merge is not supported, the flag must be false).
        AssertJson("""
            {"greeting":"Hello Ana, you are 40","arr":["Ana",40,"x"],"sum":38,"parsed":{"k":[1,2]},
             "merged":{"x":1,"y":{"w":2},"q":3},"len":3,"text":"{\"x\":1,\"y\":{\"z\":1}}","has":true,
             "part":[[1,2],[3]],"at":2,"split":["a","b","c"],"b64":"QW5h"}
            """, outcome.Output);
    }

    [MotoFact]
    public async Task Fail_state_fails_the_execution_with_its_Error_and_Cause()
    {
        var outcome = await AssertSameAsync("""
            {"StartAt":"Check","States":{"Check":{"Type":"Pass","Next":"Stop"},
              "Stop":{"Type":"Fail","Error":"Onboarding.Rejected","Cause":"pool not found"}}}
            """, "{}");

        Assert.Equal(("FAILED", "Onboarding.Rejected", "pool not found"), (outcome.Status, outcome.Error, outcome.Cause));
        Assert.Null(outcome.Output);
    }

    [MotoFact]
    public async Task Succeed_state_applies_its_InputPath_and_OutputPath()
    {
        var outcome = await AssertSameAsync("""
            {"StartAt":"Trim","States":{"Trim":{"Type":"Pass","InputPath":"$.inner","Next":"Ok"},
              "Ok":{"Type":"Succeed","InputPath":"$.keep","OutputPath":"$.v"}}}
            """, """{"inner":{"keep":{"v":{"ok":true}},"drop":1}}""");

        AssertJson("""{"ok":true}""", outcome.Output);
    }

    [MotoFact]
    public async Task Choice_without_a_matching_rule_or_Default_fails_with_States_NoChoiceMatched_where_moto_says_States_Runtime()
    {
        var (moto, engine) = await pair.RunBothAsync("""
            {"StartAt":"Pick","States":{"Pick":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericEquals":1,"Next":"One"}]},"One":{"Type":"Succeed"}}}
            """, """{"n":2}""");

        // AWS documents States.NoChoiceMatched for a Choice state with no match and no Default.
        Assert.Equal(("FAILED", "States.NoChoiceMatched"), (engine.Status, engine.Error));
        // moto 5.2.1 differs: it reports States.Runtime with a Python error text as the cause.
        Assert.Equal(("FAILED", "States.Runtime"), (moto.Status, moto.Error));
        Assert.Contains("No branching option reached in state", moto.Cause, StringComparison.Ordinal);
        Assert.Equal(moto.EventTypes, engine.EventTypes);
    }

    private async Task<ExecutionOutcome> AssertSameAsync(string definition, string input, bool concurrentBranches = false)
    {
        var (moto, engine) = await pair.RunBothAsync(definition, input);
        if (concurrentBranches)
        {
            Assert.Equal(BranchOrderFree(moto.EventTypes), BranchOrderFree(engine.EventTypes));
            engine = engine with { EventTypes = moto.EventTypes };
        }
        Assert.Equal(moto.Status, engine.Status);
        Assert.True(JsonNode.DeepEquals(moto.Output, engine.Output), $"outputs differ:\n moto:   {moto.Output?.ToJsonString()}\n engine: {engine.Output?.ToJsonString()}");
        Assert.Equal((moto.Error, moto.Cause), (engine.Error, engine.Cause));
        Assert.Equal(moto.EventTypes, engine.EventTypes);
        return engine;
    }

    /// <summary>
    /// Parallel branches run concurrently, so how their events interleave is not specified by AWS (nor stable in moto):
    /// keep the order outside the Parallel state, compare the branch events as a multiset.
    /// </summary>
    private static List<string> BranchOrderFree(IReadOnlyList<string> types)
    {
        var start = types.ToList().IndexOf("ParallelStateStarted") + 1;
        var end = types.ToList().IndexOf("ParallelStateSucceeded");
        Assert.True(start > 0 && end >= start, "expected a ParallelStateStarted ... ParallelStateSucceeded span");
        return [.. types.Take(start), .. types.Skip(start).Take(end - start).Order(StringComparer.Ordinal), .. types.Skip(end)];
    }

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}\n got {actual?.ToJsonString()}");
}
