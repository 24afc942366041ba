namespace SmsOnboarding.Asl.Tests;

/// <summary>One test per problem kind Step Functions reports at CreateStateMachine, asserting the JSON pointer.</summary>
public class DefinitionValidationTests
{
    private static string Machine(string states, string startAt = "A") => Fill("""{"StartAt":"<0>","States":<1>}""", startAt, states);

    private static string Fill(string template, params string[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            template = template.Replace($"<{i}>", values[i], StringComparison.Ordinal);
        }

        return template;
    }

    private const string Done = """ "Done":{"Type":"Succeed"} """;

    [Fact]
    public void Invalid_json_is_reported_at_the_root() =>
        Json.ProblemAt("{not json", "", "INVALID_JSON_DESCRIPTION");

    [Fact]
    public void A_non_object_definition_is_rejected() => Json.ProblemAt("[1]", "", "INVALID_JSON_DESCRIPTION");

    [Fact]
    public void Duplicate_json_keys_are_rejected() =>
        Json.ProblemAt("""{"StartAt":"A","StartAt":"B","States":{"A":{"Type":"Succeed"}}}""", "", "INVALID_JSON_DESCRIPTION");

    [Fact]
    public void Missing_StartAt() =>
        Json.ProblemAt("""{"States":{"A":{"Type":"Succeed"}}}""", "", "SCHEMA_VALIDATION_FAILED");

    [Fact]
    public void Unknown_StartAt() =>
        Assert.Contains("Missing 'Next' target: Nope", Json.ProblemAt(Machine("""{"A":{"Type":"Succeed"}}""", "Nope"), "/StartAt", "MISSING_TRANSITION_TARGET").Message, StringComparison.Ordinal);

    [Fact]
    public void Missing_or_empty_States() =>
        Json.ProblemAt("""{"StartAt":"A","States":{}}""", "/States", "SCHEMA_VALIDATION_FAILED");

    [Fact]
    public void Unknown_Next_target_uses_the_step_functions_wording()
    {
        var problem = Json.ProblemAt(Machine("""{"A":{"Type":"Pass","Next":"Foo"}}"""), "/States/A/Next", "MISSING_TRANSITION_TARGET");
        Assert.Equal("MISSING_TRANSITION_TARGET: Missing 'Next' target: Foo at /States/A/Next", problem.Message);
        Assert.Equal("A", problem.StateName);
    }

    [Fact]
    public void Unknown_Default_target() =>
        Json.ProblemAt(Machine("""{"A":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"Done"}],"Default":"Nope"},""" + Done + "}"),
            "/States/A/Default", "MISSING_TRANSITION_TARGET");

    [Fact]
    public void Unknown_choice_rule_target() =>
        Json.ProblemAt(Machine("""{"A":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"Nope"}],"Default":"Done"},""" + Done + "}"),
            "/States/A/Choices/0/Next", "MISSING_TRANSITION_TARGET");

    [Fact]
    public void Unknown_catch_target() =>
        Json.ProblemAt(Machine("""{"A":{"Type":"Task","Resource":"arn:r","End":true,"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Nope"}]}}"""),
            "/States/A/Catch/0/Next", "MISSING_TRANSITION_TARGET");

    [Fact]
    public void A_non_terminal_state_needs_Next_or_End() =>
        Json.ProblemAt(Machine("""{"A":{"Type":"Pass"}}"""), "/States/A", "SCHEMA_VALIDATION_FAILED");

    [Fact]
    public void End_false_without_Next_is_rejected() =>
        Json.ProblemAt(Machine("""{"A":{"Type":"Pass","End":false}}"""), "/States/A", "SCHEMA_VALIDATION_FAILED");

    [Fact]
    public void Next_and_End_together_are_rejected() =>
        Json.ProblemAt(Machine("""{"A":{"Type":"Pass","Next":"Done","End":true},""" + Done + "}"), "/States/A", "SCHEMA_VALIDATION_FAILED");

    [Fact]
    public void Choice_cannot_have_End() =>
        Json.ProblemAt(Machine("""{"A":{"Type":"Choice","End":true,"Choices":[{"Variable":"$.x","IsPresent":true,"Next":"Done"}]},""" + Done + "}"),
            "/States/A/End", "SCHEMA_VALIDATION_FAILED");

    [Theory]
    [InlineData("Succeed")]
    [InlineData("Fail")]
    public void Terminal_states_cannot_have_Next(string type) =>
        Json.ProblemAt(Machine(Fill("""{"A":{"Type":"<0>","Next":"Done"},<1>}""", type, Done)), "/States/A/Next", "SCHEMA_VALIDATION_FAILED");

    [Fact]
    public void Unreachable_states_are_reported() =>
        Assert.Equal("Orphan", Json.ProblemAt(Machine("""{"A":{"Type":"Succeed"},"Orphan":{"Type":"Succeed"}}"""), "/States/Orphan", "UNREACHABLE_STATE").StateName);

    [Fact]
    public void States_reached_only_through_catchers_and_choices_are_reachable() =>
        StateMachineDefinition.Parse(Machine("""
            {"A":{"Type":"Task","Resource":"arn:r","Next":"C","Catch":[{"ErrorEquals":["States.ALL"],"Next":"Handler"}]},
             "Handler":{"Type":"Fail","Error":"E"},
             "C":{"Type":"Choice","Choices":[{"Variable":"$.x","IsPresent":true,"Next":"Yes"}],"Default":"No"},
             "Yes":{"Type":"Succeed"},"No":{"Type":"Succeed"}}
            """));

    [Fact]
    public void Wait_needs_one_wait_field() =>
        Json.ProblemAt(Machine("""{"A":{"Type":"Wait","End":true}}"""), "/States/A", "SCHEMA_VALIDATION_FAILED");

    [Fact]
    public void Wait_cannot_have_two_wait_fields() =>
        Json.ProblemAt(Machine("""{"A":{"Type":"Wait","Seconds":5,"SecondsPath":"$.s","End":true}}"""), "/States/A", "SCHEMA_VALIDATION_FAILED");

    [Theory]
    [InlineData("\"Seconds\":-1", "/States/A/Seconds")]
    [InlineData("\"Seconds\":1.5", "/States/A/Seconds")]
    [InlineData("\"Timestamp\":\"2016-08-18 17:33:00\"", "/States/A/Timestamp")]
    [InlineData("\"SecondsPath\":\"$.a[*]\"", "/States/A/SecondsPath")]
    public void Wait_values_must_be_valid(string field, string pointer) =>
        Json.ProblemAt(Machine(Fill("""{"A":{"Type":"Wait","End":true,<0>}}""", field)), pointer, "SCHEMA_VALIDATION_FAILED");

    [Theory]
    [InlineData("InputPath", "\"not a path\"")]
    [InlineData("OutputPath", "\"$.a[\"")]
    [InlineData("ResultPath", "\"$.a[*]\"")]
    [InlineData("ResultPath", "\"$$.Execution\"")]
    [InlineData("ResultPath", "5")]
    public void Paths_must_be_valid_and_ResultPath_must_be_a_reference_path(string field, string value) =>
        Json.ProblemAt(Machine(Fill("""{"A":{"Type":"Pass","End":true,"<0>":<1>}}""", field, value)), "/States/A/" + field, "SCHEMA_VALIDATION_FAILED");

    [Fact]
    public void Full_JSONPath_is_allowed_in_InputPath_and_OutputPath() =>
        StateMachineDefinition.Parse(Machine("""{"A":{"Type":"Pass","End":true,"InputPath":"$.items[?(@.on == true)]","OutputPath":"$[0:2]"}}"""));

    [Theory]
    [InlineData("""{"x.$":"not a path"}""", "/States/A/Parameters/x.$")]
    [InlineData("""{"outer":{"inner.$":5}}""", "/States/A/Parameters/outer/inner.$")]
    [InlineData("""{"list":[{"v.$":"States.Nope()"}]}""", "/States/A/Parameters/list/0/v.$")]
    [InlineData("""{"v.$":"States.Format('{}'"}""", "/States/A/Parameters/v.$")]
    [InlineData("""{"v":1,"v.$":"$.v"}""", "/States/A/Parameters/v.$")]
    public void Dynamic_template_keys_need_a_valid_path_or_intrinsic(string parameters, string pointer) =>
        Json.ProblemAt(Machine(Fill("""{"A":{"Type":"Pass","End":true,"Parameters":<0>}}""", parameters)), pointer, "SCHEMA_VALIDATION_FAILED");

    [Fact]
    public void Templates_must_be_objects() =>
        Json.ProblemAt(Machine("""{"A":{"Type":"Task","Resource":"arn:r","End":true,"ResultSelector":[1]}}"""), "/States/A/ResultSelector", "SCHEMA_VALIDATION_FAILED");

    [Fact]
    public void Heartbeat_must_be_shorter_than_the_timeout() =>
        Json.ProblemAt(Machine("""{"A":{"Type":"Task","Resource":"arn:r","End":true,"TimeoutSeconds":60,"HeartbeatSeconds":60}}"""),
            "/States/A/HeartbeatSeconds", "SCHEMA_VALIDATION_FAILED");

    [Theory]
    [InlineData("\"TimeoutSeconds\":60,\"TimeoutSecondsPath\":\"$.t\"")]
    [InlineData("\"HeartbeatSeconds\":6,\"HeartbeatSecondsPath\":\"$.h\"")]
    public void Literal_and_path_timeouts_are_mutually_exclusive(string fields) =>
        Json.ProblemAt(Machine(Fill("""{"A":{"Type":"Task","Resource":"arn:r","End":true,<0>}}""", fields)), "/States/A", "SCHEMA_VALIDATION_FAILED");

    [Theory]
    [InlineData("\"TimeoutSeconds\":0", "/States/A/TimeoutSeconds")]
    [InlineData("\"HeartbeatSeconds\":-5", "/States/A/HeartbeatSeconds")]
    public void Timeouts_must_be_positive(string field, string pointer) =>
        Json.ProblemAt(Machine(Fill("""{"A":{"Type":"Task","Resource":"arn:r","End":true,<0>}}""", field)), pointer, "SCHEMA_VALIDATION_FAILED");

    [Fact]
    public void Task_needs_a_Resource() =>
        Json.ProblemAt(Machine("""{"A":{"Type":"Task","End":true}}"""), "/States/A", "SCHEMA_VALIDATION_FAILED");

    [Theory]
    [InlineData("Pass", "Retry")]
    [InlineData("Pass", "Catch")]
    [InlineData("Wait", "Retry")]
    [InlineData("Choice", "Catch")]
    [InlineData("Succeed", "Retry")]
    public void Retry_and_Catch_are_only_allowed_on_Task_Parallel_and_Map(string type, string field)
    {
        var extra = type switch
        {
            "Wait" => "\"Seconds\":1,\"End\":true,",
            "Choice" => "\"Choices\":[{\"Variable\":\"$.x\",\"IsPresent\":true,\"Next\":\"Done\"}],",
            "Pass" => "\"End\":true,",
            _ => "",
        };
        var problem = Json.ProblemAt(Machine(Fill("""{"A":{"Type":"<0>",<1>"<2>":[]},<3>}""", type, extra, field, Done)), "/States/A", "SCHEMA_VALIDATION_FAILED");
        Assert.Contains($"'{field}'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void States_ALL_must_be_the_last_retrier() =>
        Json.ProblemAt(Machine("""{"A":{"Type":"Task","Resource":"arn:r","End":true,"Retry":[{"ErrorEquals":["States.ALL"]},{"ErrorEquals":["X"]}]}}"""),
            "/States/A/Retry/0/ErrorEquals", "SCHEMA_VALIDATION_FAILED");

    [Fact]
    public void States_ALL_must_be_alone_in_its_ErrorEquals() =>
        Json.ProblemAt(Machine("""{"A":{"Type":"Task","Resource":"arn:r","End":true,"Retry":[{"ErrorEquals":["X","States.ALL"]}]}}"""),
            "/States/A/Retry/0/ErrorEquals", "SCHEMA_VALIDATION_FAILED");

    [Fact]
    public void States_ALL_must_be_the_last_catcher() =>
        Json.ProblemAt(Machine("""{"A":{"Type":"Task","Resource":"arn:r","End":true,"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Done"},{"ErrorEquals":["X"],"Next":"Done"}]},""" + Done + "}"),
            "/States/A/Catch/0/ErrorEquals", "SCHEMA_VALIDATION_FAILED");

    [Theory]
    [InlineData("\"MaxAttempts\":-1", "/States/A/Retry/0/MaxAttempts")]
    [InlineData("\"IntervalSeconds\":0", "/States/A/Retry/0/IntervalSeconds")]
    [InlineData("\"BackoffRate\":0.5", "/States/A/Retry/0/BackoffRate")]
    [InlineData("\"MaxDelaySeconds\":0", "/States/A/Retry/0/MaxDelaySeconds")]
    [InlineData("\"JitterStrategy\":\"PARTIAL\"", "/States/A/Retry/0/JitterStrategy")]
    [InlineData("\"Bogus\":1", "/States/A/Retry/0")]
    public void Retrier_fields_must_be_valid(string field, string pointer) =>
        Json.ProblemAt(Machine(Fill("""{"A":{"Type":"Task","Resource":"arn:r","End":true,"Retry":[{"ErrorEquals":["X"],<0>}]}}""", field)), pointer, "SCHEMA_VALIDATION_FAILED");

    [Theory]
    [InlineData("""{"ErrorEquals":[]}""", "/States/A/Retry/0/ErrorEquals")]
    [InlineData("""{"MaxAttempts":1}""", "/States/A/Retry/0")]
    public void Retriers_need_a_non_empty_ErrorEquals(string retrier, string pointer) =>
        Json.ProblemAt(Machine(Fill("""{"A":{"Type":"Task","Resource":"arn:r","End":true,"Retry":[<0>]}}""", retrier)), pointer, "SCHEMA_VALIDATION_FAILED");

    [Fact]
    public void Catchers_need_Next() =>
        Json.ProblemAt(Machine("""{"A":{"Type":"Task","Resource":"arn:r","End":true,"Catch":[{"ErrorEquals":["X"]}]}}"""), "/States/A/Catch/0", "SCHEMA_VALIDATION_FAILED");

    [Fact]
    public void Unknown_state_fields_fail_schema_validation()
    {
        var problem = Json.ProblemAt(Machine("""{"A":{"Type":"Pass","End":true,"Bogus":1}}"""), "/States/A", "SCHEMA_VALIDATION_FAILED");
        Assert.Contains("'Bogus'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_top_level_fields_fail_schema_validation() =>
        Json.ProblemAt("""{"StartAt":"A","Bogus":1,"States":{"A":{"Type":"Succeed"}}}""", "", "SCHEMA_VALIDATION_FAILED");

    [Fact]
    public void Missing_or_unknown_Type()
    {
        Json.ProblemAt(Machine("""{"A":{"End":true}}"""), "/States/A", "SCHEMA_VALIDATION_FAILED");
        Json.ProblemAt(Machine("""{"A":{"Type":"Loop","End":true}}"""), "/States/A/Type", "SCHEMA_VALIDATION_FAILED");
    }

    [Fact]
    public void State_names_longer_than_80_characters_are_rejected()
    {
        var name = new string('n', 81);
        Json.ProblemAt(Machine(Fill("""{"<0>":{"Type":"Succeed"}}""", name), name), "/States/" + name, "SCHEMA_VALIDATION_FAILED");
        var ok = new string('n', 80);
        StateMachineDefinition.Parse(Machine(Fill("""{"<0>":{"Type":"Succeed"}}""", ok), ok));
    }

    [Fact]
    public void Pointers_escape_slashes_and_tildes_in_state_names() =>
        Json.ProblemAt(Machine("""{"a/b~c":{"Type":"Pass"}}""", "a/b~c"), "/States/a~1b~0c", "SCHEMA_VALIDATION_FAILED");

    [Fact]
    public void Parallel_branches_are_validated_recursively_with_nested_pointers()
    {
        var definition = Machine("""
            {"A":{"Type":"Parallel","End":true,"Branches":[
               {"StartAt":"B1","States":{"B1":{"Type":"Succeed"}}},
               {"StartAt":"X","States":{"X":{"Type":"Pass","Next":"Missing"}}}]}}
            """);
        var problem = Json.ProblemAt(definition, "/States/A/Branches/1/States/X/Next", "MISSING_TRANSITION_TARGET");
        Assert.Equal("X", problem.StateName);
    }

    [Fact]
    public void Branch_states_cannot_transition_to_outer_states() =>
        Json.ProblemAt(Machine("""
            {"A":{"Type":"Parallel","Next":"Done","Branches":[{"StartAt":"X","States":{"X":{"Type":"Pass","Next":"Done"}}}]},
            """ + Done + "}"), "/States/A/Branches/0/States/X/Next", "MISSING_TRANSITION_TARGET");

    [Fact]
    public void Parallel_needs_branches() =>
        Json.ProblemAt(Machine("""{"A":{"Type":"Parallel","End":true,"Branches":[]}}"""), "/States/A/Branches", "SCHEMA_VALIDATION_FAILED");

    [Fact]
    public void Map_item_processors_are_validated_recursively() =>
        Json.ProblemAt(Machine("""{"A":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Wait","End":true}}}}}"""),
            "/States/A/ItemProcessor/States/P", "SCHEMA_VALIDATION_FAILED");

    [Fact]
    public void Map_needs_an_item_processor() =>
        Json.ProblemAt(Machine("""{"A":{"Type":"Map","End":true}}"""), "/States/A", "SCHEMA_VALIDATION_FAILED");

    [Fact]
    public void State_names_are_unique_across_branches() =>
        Json.ProblemAt(Machine("""
            {"A":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}]}}
            """), "/States/A/Branches/0/States/A", "DUPLICATE_STATE_NAME");

    [Fact]
    public void Distributed_map_is_rejected_as_unsupported()
    {
        var processor = """{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""";
        Json.ProblemAt(Machine(Fill("""{"A":{"Type":"Map","End":true,"ItemProcessor":<0>}}""", processor)), "/States/A/ItemProcessor/ProcessorConfig/Mode", "UNSUPPORTED_FEATURE");
    }

    [Theory]
    [InlineData("ItemReader", """{"Resource":"arn:aws:states:::s3:getObject"}""")]
    [InlineData("ResultWriter", """{"Resource":"arn:aws:states:::s3:putObject"}""")]
    public void Distributed_map_fields_are_rejected_as_unsupported(string field, string value) =>
        Json.ProblemAt(Machine(Fill("""{"A":{"Type":"Map","End":true,"<0>":<1>,"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}""", field, value)),
            "/States/A/" + field, "UNSUPPORTED_FEATURE");

    [Fact]
    public void Inline_map_processor_config_is_accepted()
    {
        var map = (MapState)StateMachineDefinition.Parse(Machine("""
            {"A":{"Type":"Map","End":true,"MaxConcurrency":2,"ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}
            """))["A"];
        Assert.Equal(2, map.MaxConcurrency);
    }

    [Fact]
    public void JSONata_query_language_is_rejected_naming_it()
    {
        var top = Json.ProblemAt("""{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Succeed"}}}""", "/QueryLanguage", "UNSUPPORTED_FEATURE");
        Assert.Contains("JSONata", top.Message, StringComparison.Ordinal);
        Json.ProblemAt(Machine("""{"A":{"Type":"Succeed","QueryLanguage":"JSONata"}}"""), "/States/A/QueryLanguage", "UNSUPPORTED_FEATURE");
        StateMachineDefinition.Parse("""{"QueryLanguage":"JSONPath","StartAt":"A","States":{"A":{"Type":"Succeed","QueryLanguage":"JSONPath"}}}""");
    }

    [Fact]
    public void Assign_variables_are_rejected_as_unsupported() =>
        Json.ProblemAt(Machine("""{"A":{"Type":"Pass","End":true,"Assign":{"x":1}}}"""), "/States/A/Assign", "UNSUPPORTED_FEATURE");

    [Theory]
    [InlineData("""{"Variable":"$.x","IsPresent":true}""", "/States/A/Choices/0")]
    [InlineData("""{"Variable":"$.x","IsPresent":true,"StringEquals":"a","Next":"Done"}""", "/States/A/Choices/0")]
    [InlineData("""{"StringEquals":"a","Next":"Done"}""", "/States/A/Choices/0")]
    [InlineData("""{"Variable":"$.x[*]","StringEquals":"a","Next":"Done"}""", "/States/A/Choices/0/Variable")]
    [InlineData("""{"Variable":"$.x","NumericEquals":"1","Next":"Done"}""", "/States/A/Choices/0/NumericEquals")]
    [InlineData("""{"Variable":"$.x","TimestampEquals":"yesterday","Next":"Done"}""", "/States/A/Choices/0/TimestampEquals")]
    [InlineData("""{"Variable":"$.x","StringEqualsPath":"nope","Next":"Done"}""", "/States/A/Choices/0/StringEqualsPath")]
    [InlineData("""{"Variable":"$.x","IsNull":"yes","Next":"Done"}""", "/States/A/Choices/0/IsNull")]
    [InlineData("""{"And":[],"Next":"Done"}""", "/States/A/Choices/0/And")]
    [InlineData("""{"Not":{"Variable":"$.x","IsNull":true,"Next":"Done"},"Next":"Done"}""", "/States/A/Choices/0/Not/Next")]
    [InlineData("""{"Or":[{"Variable":"$.x","Bogus":1}],"Next":"Done"}""", "/States/A/Choices/0/Or/0")]
    public void Choice_rules_are_validated(string rule, string pointer) =>
        Json.ProblemAt(Machine(Fill("""{"A":{"Type":"Choice","Choices":[<0>],"Default":"Done"},<1>}""", rule, Done)), pointer, "SCHEMA_VALIDATION_FAILED");

    [Fact]
    public void Choice_needs_rules() =>
        Json.ProblemAt(Machine("""{"A":{"Type":"Choice","Choices":[],"Default":"Done"},""" + Done + "}"), "/States/A/Choices", "SCHEMA_VALIDATION_FAILED");

    [Fact]
    public void Fail_cannot_have_both_literal_and_path()
    {
        Json.ProblemAt(Machine("""{"A":{"Type":"Fail","Error":"E","ErrorPath":"$.e"}}"""), "/States/A", "SCHEMA_VALIDATION_FAILED");
        Json.ProblemAt(Machine("""{"A":{"Type":"Fail","CausePath":"States.Nope()"}}"""), "/States/A/CausePath", "SCHEMA_VALIDATION_FAILED");
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var problems = Json.Problems(Machine("""{"A":{"Type":"Pass","Next":"Nope","InputPath":"bad"},"B":{"Type":"Wait","End":true}}"""));
        Assert.Contains(problems, p => p.Pointer == "/States/A/Next");
        Assert.Contains(problems, p => p.Pointer == "/States/A/InputPath");
        Assert.Contains(problems, p => p.Pointer == "/States/B" && p.Message.StartsWith("SCHEMA_VALIDATION_FAILED", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Pointer == "/States/B" && p.Message.StartsWith("UNREACHABLE_STATE", StringComparison.Ordinal));
    }

    [Fact]
    public void A_valid_definition_is_modelled_completely()
    {
        var definition = StateMachineDefinition.Parse("""
            {"Comment":"all states","Version":"1.0","TimeoutSeconds":3600,"StartAt":"Prepare","States":{
              "Prepare":{"Type":"Pass","Comment":"c","Result":{"n":1},"ResultPath":"$.prepared","Next":"Call"},
              "Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken","TimeoutSeconds":60,"HeartbeatSeconds":10,
                      "Parameters":{"FunctionName":"f","Payload":{"token.$":"$$.Task.Token"}},"ResultSelector":{"v.$":"$.Payload"},"ResultPath":null,
                      "Retry":[{"ErrorEquals":["Lambda.TooManyRequestsException"],"IntervalSeconds":2,"MaxAttempts":6,"BackoffRate":1.5,"MaxDelaySeconds":30,"JitterStrategy":"FULL"}],
                      "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Failed"}],"Next":"Decide"},
              "Decide":{"Type":"Choice","Choices":[{"Not":{"Variable":"$.prepared.n","NumericEquals":0},"Next":"Pause"}],"Default":"Fanout"},
              "Pause":{"Type":"Wait","SecondsPath":"$.prepared.n","Next":"Fanout"},
              "Fanout":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Succeed"}}}],"ResultPath":"$.branches","Next":"Each"},
              "Each":{"Type":"Map","ItemsPath":"$.branches","MaxConcurrency":1,"ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"OutputPath":null,"End":true},
              "Failed":{"Type":"Fail","Error":"Onboarding.Failed","CausePath":"$.error.Cause"}}}
            """);

        Assert.Equal("all states", definition.Comment);
        Assert.Equal(3600, definition.TimeoutSeconds);
        Assert.Equal(["Prepare", "Call", "Decide", "Pause", "Fanout", "Each", "Failed"], definition.States.Keys);
        var call = (TaskState)definition["Call"];
        Assert.True(call.ResultPathIsNull);
        Assert.Null(call.ResultPath);
        Assert.Equal(60, call.TimeoutSeconds);
        Assert.Equal(10, call.HeartbeatSeconds);
        Assert.Equal(new Retrier(call.Retry[0].ErrorEquals, 2, 6, 1.5, 30, JitterStrategy.Full), call.Retry[0]);
        Assert.Equal(["Lambda.TooManyRequestsException"], call.Retry[0].ErrorEquals);
        Assert.Equal(new Catcher(call.Catch[0].ErrorEquals, "Failed", "$.error", false), call.Catch[0]);
        Assert.Equal("Decide", call.Next);
        Assert.IsType<NotRule>(((ChoiceState)definition["Decide"]).Choices[0]);
        Assert.Equal("Fanout", ((ChoiceState)definition["Decide"]).Default);
        Assert.Equal("$.prepared.n", ((WaitState)definition["Pause"]).SecondsPath);
        Assert.Single(((ParallelState)definition["Fanout"]).Branches);
        var each = (MapState)definition["Each"];
        Assert.True(each.OutputPathIsNull);
        Assert.True(each.End);
        Assert.Equal("I", each.ItemProcessor.StartAt);
        Assert.Equal("$.error.Cause", ((FailState)definition["Failed"]).CausePath);
        Assert.True(definition["Failed"].End);
        Assert.Throws<KeyNotFoundException>(() => definition["Nope"]);
    }
}
