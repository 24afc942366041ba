using System.Text.Json.Nodes;

namespace SmsOnboarding.Asl.Tests;

/// <summary>Worked examples from the AWS "Processing input and output" documentation.</summary>
public class DataFlowTests
{
    private static TaskState Task(string fields) =>
        (TaskState)Json.Single("""{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111122223333:function:HelloFunction","End":true""" + fields + "}")["S"];

    [Fact]
    public void InputPath_ResultPath_and_OutputPath_combine_as_in_the_AWS_lambda_example()
    {
        var state = Task(""","InputPath":"$.lambda","ResultPath":"$.data.lambdaresult","OutputPath":"$.data" """);
        var raw = Json.Parse("""{"comment":"An input comment.","data":{"val1":23,"val2":17},"extra":"foo","lambda":{"who":"AWS Step Functions"}}""");

        var effective = DataFlow.EffectiveInput(state, raw, context: null);
        Json.Equal("""{"who":"AWS Step Functions"}""", effective);

        var output = DataFlow.StateOutput(state, raw, JsonValue.Create("Hello, AWS Step Functions!"), context: null);
        Json.Equal("""{"val1":23,"val2":17,"lambdaresult":"Hello, AWS Step Functions!"}""", output);
    }

    [Fact]
    public void InputPath_selects_part_of_the_input()
    {
        var state = Task(""","InputPath":"$.dataset2" """);
        var raw = Json.Parse("""{"comment":"Example for InputPath.","dataset1":{"val1":1,"val2":2,"val3":3},"dataset2":{"val1":"a","val2":"b","val3":"c"}}""");
        Json.Equal("""{"val1":"a","val2":"b","val3":"c"}""", DataFlow.ApplyInputPath(state, raw));
    }

    [Fact]
    public void Null_InputPath_gives_an_empty_object_and_absent_InputPath_gives_everything()
    {
        var raw = Json.Parse("""{"a":1}""");
        Json.Equal("{}", DataFlow.ApplyInputPath(Task(""","InputPath":null"""), raw));
        Json.Equal("""{"a":1}""", DataFlow.ApplyInputPath(Task(""), raw));
        Assert.True(Task(""","InputPath":null""").InputPathIsNull);
        Assert.Null(Task("").InputPath);
        Assert.False(Task("").InputPathIsNull);
    }

    [Fact]
    public void InputPath_and_OutputPath_can_read_the_context_object()
    {
        var context = Json.Parse("""{"Execution":{"Input":{"original":true}}}""");
        Json.Equal("""{"original":true}""", DataFlow.ApplyInputPath(Task(""","InputPath":"$$.Execution.Input" """), Json.Parse("{}"), context));
        Json.Equal("true", DataFlow.ApplyOutputPath(Task(""","OutputPath":"$$.Execution.Input.original" """), Json.Parse("{}"), context));
    }

    [Fact]
    public void A_missing_InputPath_or_OutputPath_target_is_a_runtime_error()
    {
        Json.Fails(() => DataFlow.ApplyInputPath(Task(""","InputPath":"$.nope" """), Json.Parse("{}")), ErrorNames.Runtime);
        Json.Fails(() => DataFlow.ApplyOutputPath(Task(""","OutputPath":"$.nope" """), Json.Parse("{}")), ErrorNames.Runtime);
    }

    [Fact]
    public void Parameters_build_the_effective_input_as_in_the_AWS_product_example()
    {
        var state = Task(""","Parameters":{"comment":"Selecting what I care about.","MyDetails":{"size.$":"$.product.details.size","exists.$":"$.product.availability","StaticValue":"foo"}}""");
        var raw = Json.Parse("""
            {"comment":"Example for Parameters.","product":{"details":{"color":"blue","size":"small","material":"cotton"},"availability":"in stock","sku":"2317","cost":"$23"}}
            """);

        Json.Equal("""{"comment":"Selecting what I care about.","MyDetails":{"size":"small","exists":"in stock","StaticValue":"foo"}}""",
            DataFlow.EffectiveInput(state, raw, context: null));
    }

    [Fact]
    public void Payload_templates_read_the_context_object_call_intrinsics_and_recurse_into_arrays()
    {
        var template = Json.Parse("""
            {"execution.$":"$$.Execution.Id","greeting.$":"States.Format('Hi {}', $.name)","list":[{"n.$":"$.n"},"plain"],"whole.$":"$"}
            """);
        var output = DataFlow.ApplyPayloadTemplate(template, Json.Parse("""{"name":"Ana","n":3}"""), Json.Parse("""{"Execution":{"Id":"arn:x"}}"""));
        Json.Equal("""{"execution":"arn:x","greeting":"Hi Ana","list":[{"n":3},"plain"],"whole":{"name":"Ana","n":3}}""", output);
    }

    [Fact]
    public void A_payload_template_path_that_matches_nothing_fails_with_States_Runtime_as_AWS_reports_it()
    {
        var e = Json.Fails(() => DataFlow.ApplyPayloadTemplate(Json.Parse("""{"x.$":"$.missing"}"""), Json.Parse("{}"), null), ErrorNames.Runtime);
        Assert.Contains("$.missing", e.Cause, StringComparison.Ordinal);
        Assert.Contains("x.$", e.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void The_template_is_never_modified()
    {
        var template = Json.Parse("""{"a.$":"$.v","b":{"c":1}}""");
        var before = template!.ToJsonString();
        DataFlow.ApplyPayloadTemplate(template, Json.Parse("""{"v":2}"""), null);
        Assert.Equal(before, template.ToJsonString());
    }

    [Fact]
    public void ResultSelector_then_ResultPath_as_in_the_AWS_EMR_example()
    {
        var state = Task(""","ResultSelector":{"ClusterId.$":"$.output.ClusterId","ResourceType.$":"$.resourceType"},"ResultPath":"$.EMROutput" """);
        var raw = Json.Parse("""{"Name":"MyCluster"}""");
        var result = Json.Parse("""
            {"resourceType":"elasticmapreduce","resource":"createCluster.sync","output":{"SdkHttpMetadata":{"HttpStatusCode":200},"ClusterId":"AKIAIOSFODNN7EXAMPLE"}}
            """);
        Json.Equal("""{"Name":"MyCluster","EMROutput":{"ClusterId":"AKIAIOSFODNN7EXAMPLE","ResourceType":"elasticmapreduce"}}""",
            DataFlow.StateOutput(state, raw, result, context: null));
    }

    private static readonly JsonNode? ResultPathInput = Json.Parse("""
        {"comment":"This is a test of the input and output of a Task state.","details":"Default example","who":"AWS Step Functions"}
        """);

    [Fact]
    public void ResultPath_dollar_replaces_the_input_with_the_result() =>
        Json.Equal("\"Hello, AWS Step Functions!\"", DataFlow.ApplyResultPath("$", false, ResultPathInput, JsonValue.Create("Hello, AWS Step Functions!")));

    [Fact]
    public void Absent_ResultPath_means_dollar() =>
        Json.Equal("1", DataFlow.ApplyResultPath(null, false, ResultPathInput, JsonValue.Create(1)));

    [Fact]
    public void Null_ResultPath_discards_the_result_and_keeps_the_input() =>
        Json.Equal(ResultPathInput!.ToJsonString(), DataFlow.ApplyResultPath(null, true, ResultPathInput, JsonValue.Create("ignored")));

    [Fact]
    public void ResultPath_adds_the_result_next_to_the_input() =>
        Json.Equal("""{"comment":"This is a test of the input and output of a Task state.","details":"Default example","who":"AWS Step Functions","taskresult":"Hello, AWS Step Functions!"}""",
            DataFlow.ApplyResultPath("$.taskresult", false, ResultPathInput, JsonValue.Create("Hello, AWS Step Functions!")));

    [Fact]
    public void ResultPath_inserts_into_a_nested_node() =>
        Json.Equal("""{"comment":"An input comment.","strings":{"string1":"foo","string2":"bar","string3":"baz","lambdaresult":"Hello"},"who":"AWS Step Functions"}""",
            DataFlow.ApplyResultPath("$.strings.lambdaresult", false,
                Json.Parse("""{"comment":"An input comment.","strings":{"string1":"foo","string2":"bar","string3":"baz"},"who":"AWS Step Functions"}"""),
                JsonValue.Create("Hello")));

    [Fact]
    public void ResultPath_overwrites_an_existing_field_and_creates_missing_intermediate_objects()
    {
        Json.Equal("""{"a":{"b":{"c":2}},"x":1}""", DataFlow.ApplyResultPath("$.a.b.c", false, Json.Parse("""{"x":1}"""), JsonValue.Create(2)));
        Json.Equal("""{"x":"new"}""", DataFlow.ApplyResultPath("$.x", false, Json.Parse("""{"x":"old"}"""), JsonValue.Create("new")));
        Json.Equal("""{"list":[0,{"k":9}]}""", DataFlow.ApplyResultPath("$.list[1].k", false, Json.Parse("""{"list":[0,{}]}"""), JsonValue.Create(9)));
    }

    [Theory]
    [InlineData("$.x", "\"a string input\"")]
    [InlineData("$.s.deeper", """{"s":"scalar"}""")]
    [InlineData("$.list[5]", """{"list":[1]}""")]
    [InlineData("$[0]", """{"a":1}""")]
    public void ResultPath_that_cannot_be_placed_fails_with_ResultPathMatchFailure(string resultPath, string input) =>
        Json.Fails(() => DataFlow.ApplyResultPath(resultPath, false, Json.Parse(input), JsonValue.Create(1)), ErrorNames.ResultPathMatchFailure);

    [Fact]
    public void ResultPath_never_modifies_the_callers_input_or_result()
    {
        var input = Json.Parse("""{"a":{"b":1}}""");
        var result = Json.Parse("""{"r":1}""");
        var output = DataFlow.ApplyResultPath("$.a.c", false, input, result);
        Assert.Equal("""{"a":{"b":1}}""", input!.ToJsonString());
        Assert.Null(result!.Parent);
        Json.Equal("""{"a":{"b":1,"c":{"r":1}}}""", output);
    }

    [Fact]
    public void Null_OutputPath_gives_an_empty_object() =>
        Json.Equal("{}", DataFlow.ApplyOutputPath(Task(""","OutputPath":null"""), Json.Parse("""{"a":1}""")));

    [Fact]
    public void Pass_state_result_replaces_or_defaults_to_its_input()
    {
        var withResult = (PassState)Json.Single("""{"Type":"Pass","Result":{"x-datum":0.381018,"y-datum":622.2269926397355},"ResultPath":"$.coords","End":true}""")["S"];
        var raw = Json.Parse("""{"georefOf":"Home"}""");
        var result = DataFlow.PassResult(withResult, DataFlow.EffectiveInput(withResult, raw, null));
        Json.Equal("""{"georefOf":"Home","coords":{"x-datum":0.381018,"y-datum":622.2269926397355}}""", DataFlow.StateOutput(withResult, raw, result, null));

        var withoutResult = (PassState)Json.Single("""{"Type":"Pass","Parameters":{"v.$":"$.georefOf"},"End":true}""")["S"];
        Json.Equal("""{"v":"Home"}""", DataFlow.PassResult(withoutResult, DataFlow.EffectiveInput(withoutResult, raw, null)));
    }

    [Fact]
    public void Pass_state_with_explicit_null_result_outputs_null()
    {
        var state = (PassState)Json.Single("""{"Type":"Pass","Result":null,"End":true}""")["S"];
        Assert.True(state.HasResult);
        Assert.Null(DataFlow.PassResult(state, Json.Parse("""{"a":1}""")));
    }

    [Fact]
    public void Catcher_places_error_and_cause_with_its_ResultPath()
    {
        var state = Task(""","Catch":[{"ErrorEquals":["States.ALL"],"Next":"S","ResultPath":"$.error"}]""");
        var output = DataFlow.CatcherOutput(state.Catch.Single(), Json.Parse("""{"a":1}"""), "Lambda.Unknown", "boom");
        Json.Equal("""{"a":1,"error":{"Error":"Lambda.Unknown","Cause":"boom"}}""", output);
    }

    [Fact]
    public void Catcher_without_ResultPath_outputs_just_the_error()
    {
        var state = Task(""","Catch":[{"ErrorEquals":["States.ALL"],"Next":"S"}]""");
        Assert.Equal("$", state.Catch.Single().ResultPath);
        Json.Equal("""{"Error":"E","Cause":"C"}""", DataFlow.CatcherOutput(state.Catch.Single(), Json.Parse("""{"a":1}"""), "E", "C"));
    }

    [Fact]
    public void Fail_state_error_and_cause_come_from_paths_or_intrinsics()
    {
        var state = (FailState)Json.Single("""{"Type":"Fail","ErrorPath":"$.code","CausePath":"States.Format('failed: {}', $.why)"}""")["S"];
        var (error, cause) = DataFlow.FailDetails(state, Json.Parse("""{"code":"Sandbox.Denied","why":"no"}"""), null);
        Assert.Equal("Sandbox.Denied", error);
        Assert.Equal("failed: no", cause);
        Json.Fails(() => DataFlow.FailDetails(state, Json.Parse("""{"code":5,"why":"no"}"""), null), ErrorNames.Runtime);
    }
}
