using System.Text.Json.Nodes;
using CsCheck;

namespace SmsOnboarding.Asl.Tests;

public class PropertyTests
{
    // ASL vocabulary makes random documents reach deep into the parser instead of failing at the first field.
    private static readonly string[] Keys =
    [
        "StartAt", "States", "Type", "Next", "End", "Comment", "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector",
        "Resource", "Retry", "Catch", "ErrorEquals", "MaxAttempts", "IntervalSeconds", "BackoffRate", "JitterStrategy", "MaxDelaySeconds",
        "Choices", "Default", "Variable", "StringEquals", "NumericLessThanPath", "And", "Or", "Not", "IsPresent", "TimestampEquals",
        "Seconds", "SecondsPath", "Timestamp", "Branches", "ItemProcessor", "Iterator", "ItemsPath", "ItemSelector", "MaxConcurrency",
        "ProcessorConfig", "Mode", "TimeoutSeconds", "HeartbeatSeconds", "Error", "CausePath", "QueryLanguage", "x.$", "A", "B",
    ];

    private static readonly string[] Strings =
    [
        "Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map", "A", "B", "$", "$.a", "$$.Execution.Id", "$.a[*]", "$..b",
        "$.a[?(@.b > 1)]", "States.ALL", "States.Format('{}', $.a)", "States.Nope(", "2016-08-18T17:33:00Z", "FULL", "INLINE", "DISTRIBUTED",
        "JSONata", "JSONPath", "", "[", "$['a'", "\\", "{}",
    ];

    private static readonly Gen<JsonNode?> Leaf = Gen.OneOf<JsonNode?>(
        Gen.Const(() => (JsonNode?)null),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Int[-3, 100_000_000].Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Double[-10, 10].Select(d => (JsonNode?)JsonValue.Create(d)),
        Gen.OneOf(Strings).Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.String.Select(s => (JsonNode?)JsonValue.Create(s)));

    private static Gen<JsonNode?> Node(int depth) =>
        depth == 0
            ? Leaf
            : Gen.Frequency(
                (2, Leaf),
                (1, Gen.Int[0, 3].SelectMany(n => Node(depth - 1).Array[n]).Select(items => (JsonNode?)new JsonArray(items))),
                (3, Object(depth)));

    private static Gen<JsonNode?> Object(int depth) =>
        Gen.Int[0, 5].SelectMany(n => Gen.Select(Gen.OneOf(Gen.OneOf(Keys), Gen.String[0, 5]), Node(depth - 1)).Array[n])
            .Select(pairs =>
            {
                var obj = new JsonObject();
                foreach (var (key, value) in pairs)
                {
                    obj[key] = value;
                }

                return (JsonNode?)obj;
            });

    private static readonly Gen<JsonObject> Definitions = Object(5).Select(n => (JsonObject)n!);

    private const string Valid = """
        {"StartAt":"A","States":{
          "A":{"Type":"Task","Resource":"arn:r","Parameters":{"x.$":"$.x","f.$":"States.Format('{}', $.y)"},"ResultPath":"$.r",
               "Retry":[{"ErrorEquals":["E"],"MaxAttempts":2}],"Catch":[{"ErrorEquals":["States.ALL"],"Next":"F"}],"Next":"C"},
          "C":{"Type":"Choice","Choices":[{"And":[{"Variable":"$.r","IsPresent":true},{"Variable":"$.r.n","NumericGreaterThan":1}],"Next":"W"}],"Default":"M"},
          "W":{"Type":"Wait","Seconds":1,"Next":"M"},
          "M":{"Type":"Map","ItemsPath":"$.items","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"Next":"Par"},
          "Par":{"Type":"Parallel","Branches":[{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}],"End":true},
          "F":{"Type":"Fail","Error":"E","Cause":"C"}}}
        """;

    [Fact]
    public void Parse_only_ever_throws_AslDefinitionException_on_arbitrary_json_objects() =>
        Definitions.Sample(definition =>
        {
            try
            {
                StateMachineDefinition.Parse(definition);
            }
            catch (AslDefinitionException e)
            {
                Assert.All(e.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
            }
        }, iter: 3000);

    [Fact]
    public void Parse_only_ever_throws_AslDefinitionException_on_arbitrary_text() =>
        Gen.OneOf(Gen.String, Definitions.Select(d => d.ToJsonString()).Select(s => s[..(s.Length / 2)])).Sample(text =>
        {
            try
            {
                StateMachineDefinition.Parse(text);
            }
            catch (AslDefinitionException)
            {
            }
        }, iter: 2000);

    [Fact]
    public void Parse_only_ever_throws_AslDefinitionException_when_a_valid_definition_is_mutated()
    {
        var paths = new List<string>();
        Collect(JsonNode.Parse(Valid), "", paths);
        Gen.Select(Gen.OneOf(paths.ToArray()), Node(2)).Sample((path, replacement) =>
        {
            var definition = (JsonObject)JsonNode.Parse(Valid)!;
            Replace(definition, path, replacement);
            try
            {
                StateMachineDefinition.Parse(definition);
            }
            catch (AslDefinitionException)
            {
            }
        }, iter: 3000);
    }

    [Fact]
    public void The_mutation_base_definition_is_valid() => StateMachineDefinition.Parse(Valid);

    [Fact]
    public void Paths_and_intrinsics_only_ever_throw_AslRuntimeException() =>
        Gen.Select(Gen.OneOf(Gen.OneOf(Strings), Gen.String, Gen.OneOf(Strings).Array[1, 3].Select(string.Concat)), Node(3)).Sample((expression, document) =>
        {
            try
            {
                JsonPath.Select(expression, document);
            }
            catch (AslRuntimeException)
            {
            }

            try
            {
                Intrinsics.Evaluate(expression, document, document, () => 0.5, () => Guid.Empty);
            }
            catch (AslRuntimeException)
            {
            }
        }, iter: 3000);

    [Fact]
    public void ResultPath_dollar_returns_the_result_and_null_returns_the_input() =>
        Gen.Select(Node(3), Node(3)).Sample((input, result) =>
            JsonNode.DeepEquals(DataFlow.ApplyResultPath("$", false, input, result), result)
            && JsonNode.DeepEquals(DataFlow.ApplyResultPath(null, false, input, result), result)
            && JsonNode.DeepEquals(DataFlow.ApplyResultPath(null, true, input, result), input)
            && JsonNode.DeepEquals(DataFlow.ApplyResultPath("$", true, input, result), input));

    [Fact]
    public void ResultPath_into_an_object_places_the_result_where_a_reference_path_reads_it_back() =>
        Gen.Select(Object(2), Node(2), Gen.OneOf("$.a", "$.a.b", "$['x y'].z", "$.States")).Sample((input, result, path) =>
        {
            // Only the first path segment may already exist with a scalar value (a legitimate ResultPathMatchFailure); drop it.
            var obj = (JsonObject)input!;
            obj.Remove("a");
            obj.Remove("x y");
            var output = DataFlow.ApplyResultPath(path, false, input, result);
            return JsonPath.TrySelect(path, output, out var readBack) && JsonNode.DeepEquals(readBack, result);
        }, iter: 1000, print: t => $"{t.Item1?.ToJsonString()} {t.Item2?.ToJsonString()} {t.Item3}");

    private static void Collect(JsonNode? node, string pointer, List<string> paths)
    {
        paths.Add(pointer);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    Collect(value, pointer + "/" + key, paths);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Collect(array[i], pointer + "/" + i, paths);
                }

                break;
        }
    }

    private static void Replace(JsonObject root, string pointer, JsonNode? replacement)
    {
        if (pointer.Length == 0)
        {
            root.Clear();
            return;
        }

        var parts = pointer[1..].Split('/');
        JsonNode? parent = root;
        foreach (var part in parts[..^1])
        {
            parent = parent is JsonArray a ? a[int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)] : parent![part];
        }

        var last = parts[^1];
        if (parent is JsonArray array)
        {
            array[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = replacement;
        }
        else if (replacement is null && last.Length % 2 == 0)
        {
            ((JsonObject)parent!).Remove(last);
        }
        else
        {
            parent![last] = replacement;
        }
    }
}
