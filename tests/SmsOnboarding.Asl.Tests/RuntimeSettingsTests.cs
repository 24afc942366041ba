using System.Text.Json.Nodes;

namespace SmsOnboarding.Asl.Tests;

public class RuntimeSettingsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 4, 0, 0, TimeSpan.Zero);

    private static WaitState Wait(string field) => (WaitState)Json.Single("""{"Type":"Wait","End":true,""" + field + "}")["S"];

    [Fact]
    public void Wait_seconds_are_added_to_now() =>
        Assert.Equal(Now.AddSeconds(10), WaitTime.DueAt(Wait("\"Seconds\":10"), null, Now));

    [Fact]
    public void Wait_timestamp_is_used_as_is() =>
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), WaitTime.DueAt(Wait("\"Timestamp\":\"2026-12-01T00:00:00Z\""), null, Now));

    [Fact]
    public void Wait_seconds_path_and_timestamp_path_read_the_input()
    {
        var input = Json.Parse("""{"wait":{"s":30,"until":"2026-11-29T05:00:00+01:00"}}""");
        Assert.Equal(Now.AddSeconds(30), WaitTime.DueAt(Wait("\"SecondsPath\":\"$.wait.s\""), input, Now));
        Assert.Equal(Now, WaitTime.DueAt(Wait("\"TimestampPath\":\"$.wait.until\""), input, Now));
    }

    [Fact]
    public void Runtime_settings_paths_can_read_the_context_object()
    {
        var context = Json.Parse("""{"Execution":{"Input":{"s":5,"items":[1,2,3],"t":9}}}""");
        Assert.Equal(Now.AddSeconds(5), WaitTime.DueAt(Wait("\"SecondsPath\":\"$$.Execution.Input.s\""), Json.Parse("{}"), Now, context));
        Json.Equal("[1,2,3]", MapSettings.Items(Map(""","ItemsPath":"$$.Execution.Input.items" """), Json.Parse("{}"), context));
        Assert.Equal(9, TaskTimeouts.TimeoutSeconds(Task(""","TimeoutSecondsPath":"$$.Execution.Input.t" """), Json.Parse("{}"), context));
    }

    [Theory]
    [InlineData("\"SecondsPath\":\"$.v\"", """{"v":-1}""")]
    [InlineData("\"SecondsPath\":\"$.v\"", """{"v":"10"}""")]
    [InlineData("\"SecondsPath\":\"$.v\"", """{"v":1.5}""")]
    [InlineData("\"SecondsPath\":\"$.v\"", "{}")]
    [InlineData("\"TimestampPath\":\"$.v\"", """{"v":"tomorrow"}""")]
    [InlineData("\"TimestampPath\":\"$.v\"", """{"v":"2026-11-29t05:00:00z"}""")]
    public void Bad_wait_path_values_are_runtime_errors(string field, string input)
    {
        var e = Json.Fails(() => WaitTime.DueAt(Wait(field), Json.Parse(input), Now), ErrorNames.Runtime);
        Assert.Contains("Path", e.Cause, StringComparison.Ordinal);
    }

    private static TaskState Task(string fields) =>
        (TaskState)Json.Single("""{"Type":"Task","Resource":"arn:r","End":true""" + fields + "}")["S"];

    [Fact]
    public void Task_timeouts_come_from_literals_or_paths()
    {
        Assert.Equal(300, TaskTimeouts.TimeoutSeconds(Task(""","TimeoutSeconds":300"""), null));
        Assert.Equal(60, TaskTimeouts.HeartbeatSeconds(Task(""","HeartbeatSeconds":60"""), null));
        var fromPaths = Task(""","TimeoutSecondsPath":"$.t","HeartbeatSecondsPath":"$.h" """);
        Assert.Equal(120, TaskTimeouts.TimeoutSeconds(fromPaths, Json.Parse("""{"t":120,"h":10}""")));
        Assert.Equal(10, TaskTimeouts.HeartbeatSeconds(fromPaths, Json.Parse("""{"t":120,"h":10}""")));
        Assert.Null(TaskTimeouts.TimeoutSeconds(Task(""), null));
        Assert.Null(TaskTimeouts.HeartbeatSeconds(Task(""), null));
    }

    [Theory]
    [InlineData("""{"t":0}""")]
    [InlineData("""{"t":"60"}""")]
    [InlineData("{}")]
    public void Task_timeout_paths_must_hold_positive_integers(string input) =>
        Json.Fails(() => TaskTimeouts.TimeoutSeconds(Task(""","TimeoutSecondsPath":"$.t" """), Json.Parse(input)), ErrorNames.Runtime);

    private static MapState Map(string fields) => (MapState)StateMachineDefinition.Parse("""
        {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}
        """ + fields + "}}}")["M"];

    [Fact]
    public void Map_items_come_from_ItemsPath()
    {
        Json.Equal("[1,2]", MapSettings.Items(Map(""","ItemsPath":"$.list" """), Json.Parse("""{"list":[1,2]}""")));
        Json.Equal("[3]", MapSettings.Items(Map(""), Json.Parse("[3]")));
        Json.Fails(() => MapSettings.Items(Map(""","ItemsPath":"$.list" """), Json.Parse("""{"list":"x"}""")), ErrorNames.Runtime);
    }

    [Fact]
    public void Map_item_input_uses_ItemSelector_with_the_item_in_the_context()
    {
        var map = Map(""","ItemsPath":"$.numbers","ItemSelector":{"value.$":"$$.Map.Item.Value","index.$":"$$.Map.Item.Index","prefix.$":"$.prefix"}""");
        var input = Json.Parse("""{"numbers":[10,20],"prefix":"p"}""");
        Json.Equal("""{"value":20,"index":1,"prefix":"p"}""", MapSettings.ItemInput(map, input, Json.Parse("""{"Execution":{"Id":"x"}}"""), JsonValue.Create(20), 1));
        Json.Equal("7", MapSettings.ItemInput(Map(""), input, null, JsonValue.Create(7), 0));
    }

    [Fact]
    public void Legacy_Iterator_and_Parameters_are_accepted_for_Map()
    {
        var map = (MapState)StateMachineDefinition.Parse("""
            {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"Parameters":{"v.$":"$$.Map.Item.Value"},
             "Iterator":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}}}}
            """)["M"];
        Assert.Equal("P", map.ItemProcessor.StartAt);
        Json.Equal("""{"v":"a"}""", MapSettings.ItemInput(map, null, null, JsonValue.Create("a"), 0));
    }

    [Fact]
    public void Map_concurrency_and_tolerance_resolve_literals_and_paths()
    {
        var input = Json.Parse("""{"c":4,"p":25.5,"n":2}""");
        Assert.Equal(0, MapSettings.MaxConcurrency(Map(""), input));
        Assert.Equal(3, MapSettings.MaxConcurrency(Map(""","MaxConcurrency":3"""), input));
        Assert.Equal(4, MapSettings.MaxConcurrency(Map(""","MaxConcurrencyPath":"$.c" """), input));
        Assert.Equal(25.5, MapSettings.ToleratedFailurePercentage(Map(""","ToleratedFailurePercentagePath":"$.p" """), input));
        Assert.Equal(2, MapSettings.ToleratedFailureCount(Map(""","ToleratedFailureCountPath":"$.n" """), input));
        Json.Fails(() => MapSettings.MaxConcurrency(Map(""","MaxConcurrencyPath":"$.p" """), input), ErrorNames.Runtime);
    }

    [Theory]
    [InlineData("", 0, 10, false)]
    [InlineData("", 1, 10, true)]
    [InlineData(""","ToleratedFailureCount":2""", 2, 10, false)]
    [InlineData(""","ToleratedFailureCount":2""", 3, 10, true)]
    [InlineData(""","ToleratedFailurePercentage":20""", 2, 10, false)]
    [InlineData(""","ToleratedFailurePercentage":20""", 3, 10, true)]
    [InlineData(""","ToleratedFailurePercentage":100,"ToleratedFailureCount":0""", 1, 10, true)]
    public void Map_fails_once_failures_exceed_the_tolerated_count_or_percentage(string fields, int failed, int total, bool exceeds) =>
        Assert.Equal(exceeds, MapSettings.ExceedsToleratedFailure(Map(fields), null, failed, total));
}
