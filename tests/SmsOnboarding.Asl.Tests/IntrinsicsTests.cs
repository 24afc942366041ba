using System.Text.Json.Nodes;

namespace SmsOnboarding.Asl.Tests;

/// <summary>Examples follow the AWS "Intrinsic functions" documentation.</summary>
public class IntrinsicsTests
{
    private static JsonNode? Eval(string expression, string inputJson = "{}", string contextJson = "{}", Func<double>? random = null) =>
        Intrinsics.Evaluate(expression, Json.Parse(inputJson), Json.Parse(contextJson), random, () => Guid.Parse("8f2b8c3a-4d6e-4f1a-9b2c-3d4e5f6a7b8c"));

    private static void Fails(string expression, string inputJson = "{}") =>
        Json.Fails(() => Eval(expression, inputJson), ErrorNames.Runtime);

    [Fact]
    public void Format_substitutes_placeholders_in_order() =>
        Json.Equal("\"Hello, my name is Arnav.\"", Eval("States.Format('Hello, my name is {}.', $.name)", """{"name":"Arnav"}"""));

    [Fact]
    public void Format_prints_numbers_booleans_and_null_as_json() =>
        Json.Equal("\"1.5 true null x\"", Eval("States.Format('{} {} {} {}', 1.5, true, null, 'x')"));

    [Fact]
    public void Format_treats_escaped_braces_and_quotes_as_literal_text() =>
        Json.Equal("\"{} it's {x}\"", Eval(@"States.Format('\{\} it\'s \{{}\}', 'x')"));

    [Fact]
    public void Format_takes_its_template_from_a_path_too() =>
        Json.Equal("\"a-b\"", Eval("States.Format($.t, 'a', 'b')", """{"t":"{}-{}"}"""));

    [Fact]
    public void Format_prints_objects_and_arrays_like_Java_maps_and_lists() =>
        Json.Equal("\"{Arg1=1, Arg2=[]} [a, 2, {x=null}]\"", Eval("States.Format('{} {}', $.obj, $.arr)", """{"obj":{"Arg1":1,"Arg2":[]},"arr":["a",2,{"x":null}]}"""));

    [Theory]
    [InlineData("States.Format('{} {}', 'only one')")]
    [InlineData("States.Format('none', 'extra')")]
    [InlineData("States.Format($.n)")]
    public void Format_fails_on_placeholder_mismatch_or_a_non_string_template(string expression) =>
        Fails(expression, """{"obj":{"a":1},"n":5}""");

    [Fact]
    public void StringToJson_parses_a_json_string() =>
        Json.Equal("""{"number":20}""", Eval("States.StringToJson($.someString)", """{"someString":"{\"number\": 20}"}"""));

    [Fact]
    public void StringToJson_turns_placeholder_numbers_into_numbers() =>
        Json.Equal("300", Eval("States.StringToJson('300')"));

    [Theory]
    [InlineData("States.StringToJson('{not json')")]
    [InlineData("States.StringToJson($.n)")]
    public void StringToJson_fails_on_invalid_json_or_non_strings(string expression) => Fails(expression, """{"n":1}""");

    [Fact]
    public void JsonToString_serialises_compactly() =>
        Json.Equal("\"{\\\"name\\\":\\\"Foo\\\",\\\"year\\\":2020}\"", Eval("States.JsonToString($.someJson)", """{"someJson":{"name":"Foo","year":2020}}"""));

    [Fact]
    public void Array_collects_its_arguments() =>
        Json.Equal("""["Foo",2020,{"a":1},null]""", Eval("States.Array('Foo', 2020, $.someJson, null)", """{"someJson":{"a":1}}"""));

    [Fact]
    public void Array_of_nothing_is_empty() => Json.Equal("[]", Eval("States.Array()"));

    [Fact]
    public void ArrayPartition_chunks_with_a_shorter_last_chunk() =>
        Json.Equal("[[1,2,3,4],[5,6,7,8],[9]]", Eval("States.ArrayPartition($.inputArray, 4)", """{"inputArray":[1,2,3,4,5,6,7,8,9]}"""));

    [Theory]
    [InlineData("States.ArrayPartition($.a, 0)")]
    [InlineData("States.ArrayPartition($.a, 1.5)")]
    [InlineData("States.ArrayPartition('x', 2)")]
    public void ArrayPartition_requires_an_array_and_a_positive_integer(string expression) => Fails(expression, """{"a":[1]}""");

    [Theory]
    [InlineData("5", true)]
    [InlineData("10", false)]
    [InlineData("\"5\"", false)]
    public void ArrayContains_compares_json_values(string lookingFor, bool expected) =>
        Json.Equal(expected ? "true" : "false", Eval("States.ArrayContains($.inputArray, $.lookingFor)", $$"""{"inputArray":[1,2,3,4,5,6,7,8,9],"lookingFor":{{lookingFor}}}"""));

    [Fact]
    public void ArrayContains_finds_objects_by_value() =>
        Json.Equal("true", Eval("States.ArrayContains($.a, $.o)", """{"a":[{"x":1,"y":[2]}],"o":{"y":[2],"x":1}}"""));

    [Theory]
    [InlineData("States.ArrayRange(1, 9, 2)", "[1,3,5,7,9]")]
    [InlineData("States.ArrayRange(9, 1, -4)", "[9,5,1]")]
    [InlineData("States.ArrayRange(0, 0, 1)", "[0]")]
    public void ArrayRange_includes_both_ends_when_reachable(string expression, string expected) => Json.Equal(expected, Eval(expression));

    [Theory]
    [InlineData("States.ArrayRange(1, 5, 0)")]
    [InlineData("States.ArrayRange(1, 1001, 1)")]
    [InlineData("States.ArrayRange(1, 'x', 1)")]
    public void ArrayRange_rejects_zero_steps_more_than_1000_items_and_non_integers(string expression) => Fails(expression);

    [Fact]
    public void ArrayRange_allows_exactly_1000_items() =>
        Assert.Equal(1000, ((JsonArray)Eval("States.ArrayRange(1, 1000, 1)")!).Count);

    [Fact]
    public void ArrayGetItem_returns_the_item_at_the_index() =>
        Json.Equal("6", Eval("States.ArrayGetItem($.inputArray, $.index)", """{"inputArray":[1,2,3,4,5,6,7,8,9],"index":5}"""));

    [Theory]
    [InlineData("States.ArrayGetItem($.a, 3)")]
    [InlineData("States.ArrayGetItem($.a, -1)")]
    public void ArrayGetItem_fails_out_of_bounds(string expression) => Fails(expression, """{"a":[1,2,3]}""");

    [Fact]
    public void ArrayLength_counts_items() =>
        Json.Equal("9", Eval("States.ArrayLength($.inputArray)", """{"inputArray":[1,2,3,4,5,6,7,8,9]}"""));

    [Fact]
    public void ArrayLength_of_a_non_array_fails() => Fails("States.ArrayLength($.s)", """{"s":"abc"}""");

    [Fact]
    public void ArrayUnique_keeps_first_occurrences_in_order() =>
        Json.Equal("""[1,2,3,4,{"a":1}]""", Eval("States.ArrayUnique($.a)", """{"a":[1,2,3,3,3,3,3,3,4,{"a":1},{"a":1}]}"""));

    [Fact]
    public void Base64_round_trips_text() =>
        Json.Equal("\"RGF0YSB0byBlbmNvZGU=\"", Eval("States.Base64Encode($.input)", """{"input":"Data to encode"}"""));

    [Fact]
    public void Base64Decode_decodes_to_text() =>
        Json.Equal("\"Data to decode\"", Eval("States.Base64Decode($.base64)", """{"base64":"RGF0YSB0byBkZWNvZGU="}"""));

    [Theory]
    [InlineData("States.Base64Decode('not base64!')")]
    [InlineData("States.Base64Encode($.n)")]
    public void Base64_fails_on_bad_input(string expression) => Fails(expression, """{"n":1}""");

    [Fact]
    public void Base64Encode_rejects_more_than_10000_characters() =>
        Fails("States.Base64Encode($.big)", $$"""{"big":"{{new string('x', 10_001)}}"}""");

    [Theory]
    [InlineData("MD5", "812f45842bc6d66ee14572ce20db8e86")]
    [InlineData("SHA-1", "aaff4a450a104cd177d28d18d74485e8cae074b7")]
    [InlineData("SHA-256", "b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3")]
    [InlineData("SHA-384", "d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562")]
    [InlineData("SHA-512", "6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4")]
    public void Hash_returns_lowercase_hex_digests(string algorithm, string expected) =>
        Json.Equal($"\"{expected}\"", Eval("States.Hash($.Data, $.Algorithm)", $$"""{"Data":"input data","Algorithm":"{{algorithm}}"}"""));

    [Fact]
    public void Hash_rejects_unknown_algorithms() => Fails("States.Hash('x', 'SHA-3')");

    [Fact]
    public void JsonMerge_is_shallow_right_wins() =>
        Json.Equal("""{"a":{"a3":1,"a4":2},"b":2,"c":3}""",
            Eval("States.JsonMerge($.json1, $.json2, false)", """{"json1":{"a":{"a1":1,"a2":2},"b":2},"json2":{"a":{"a3":1,"a4":2},"c":3}}"""));

    [Theory]
    [InlineData("States.JsonMerge($.o, $.o, true)")]
    [InlineData("States.JsonMerge($.o, $.a, false)")]
    [InlineData("States.JsonMerge($.o, $.o, 'false')")]
    public void JsonMerge_rejects_deep_merges_and_non_objects(string expression) => Fails(expression, """{"o":{},"a":[]}""");

    [Fact]
    public void MathRandom_maps_the_injected_random_into_start_inclusive_end_exclusive()
    {
        Json.Equal("1", Eval("States.MathRandom($.start, $.end)", """{"start":1,"end":999}""", random: () => 0));
        Json.Equal("998", Eval("States.MathRandom($.start, $.end)", """{"start":1,"end":999}""", random: () => 0.999999));
        Json.Equal("500", Eval("States.MathRandom(0, 1000)", random: () => 0.5));
    }

    [Fact]
    public void MathRandom_with_a_seed_is_repeatable() =>
        Assert.True(JsonNode.DeepEquals(Eval("States.MathRandom(1, 1000000, 42)"), Eval("States.MathRandom(1, 1000000, 42)")));

    [Fact]
    public void MathRandom_rejects_an_empty_range() => Fails("States.MathRandom(5, 5)");

    [Fact]
    public void MathAdd_adds_integers() =>
        Json.Equal("110", Eval("States.MathAdd($.value1, $.step)", """{"value1":111,"step":-1}"""));

    [Theory]
    [InlineData("-9", "3", "-6")]
    [InlineData("1.49", "1.50", "3")]
    [InlineData("-1.50", "-1.51", "-3")]
    [InlineData("2.5", "0", "3")]
    [InlineData("-2.5", "0", "-2")]
    [InlineData("-0.5", "0.5", "1")]
    public void MathAdd_rounds_non_integers_to_the_nearest_integer_like_Java(string a, string b, string expected) =>
        Json.Equal(expected, Eval($"States.MathAdd({a}, {b})"));

    [Fact]
    public void MathRandom_rounds_non_integer_bounds() =>
        Json.Equal("13", Eval("States.MathRandom(12.50, 44.51)", random: () => 0));

    [Theory]
    [InlineData("States.MathAdd(2147483648, 1)")]
    [InlineData("States.MathAdd('1', 1)")]
    [InlineData("States.MathAdd(null, 1)")]
    public void MathAdd_requires_32_bit_numbers(string expression) => Fails(expression);

    [Theory]
    [InlineData("1,2,3,4,5", ",", """["1","2","3","4","5"]""")]
    [InlineData("This.is+a,test=string", ".+,=", """["This","is","a","test","string"]""")]
    [InlineData("a,,b", ",", """["a","b"]""")]
    [InlineData(" , ", ",", """[" "," "]""")]
    [InlineData(",,,,", ",", "[]")]
    [InlineData("split on T and \\nnew line", "T\\n", """["split on "," and ","new line"]""")]
    public void StringSplit_splits_on_any_delimiter_character(string input, string delimiters, string expected) =>
        Json.Equal(expected, Eval("States.StringSplit($.inputString, $.splitter)", $$"""{"inputString":"{{input}}","splitter":"{{delimiters}}"}"""));

    [Fact]
    public void UUID_uses_the_injected_generator() =>
        Json.Equal("\"8f2b8c3a-4d6e-4f1a-9b2c-3d4e5f6a7b8c\"", Eval("States.UUID()"));

    [Fact]
    public void UUID_by_default_is_a_fresh_v4_uuid()
    {
        var value = Intrinsics.Evaluate("States.UUID()", null, null)!.GetValue<string>();
        Assert.Equal('4', Guid.Parse(value).ToString()[14]);
    }

    [Fact]
    public void Calls_nest_as_in_the_AWS_myArn_example() =>
        Json.Equal("\"a.b.c\"", Eval(
            "States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1), 'c')",
            """{"ImageRecipe":{"Arn":"arn:aws:imagebuilder:us-east-1:111122223333:image-recipe/x/a.b"}}"""));

    [Fact]
    public void Context_paths_read_the_context_object() =>
        Json.Equal("\"id=exec-1\"", Eval("States.Format('id={}', $$.Execution.Name)", contextJson: """{"Execution":{"Name":"exec-1"}}"""));

    [Fact]
    public void Paths_with_brackets_and_commas_inside_quotes_are_arguments() =>
        Json.Equal("\"v\"", Eval("States.Format('{}', $['a,b'])", """{"a,b":"v"}"""));

    [Theory]
    [InlineData("States.Nope(1)")]
    [InlineData("States.Format(")]
    [InlineData("States.Array(1,)")]
    [InlineData("States.ArrayLength()")]
    [InlineData("States.UUID(1)")]
    [InlineData("States.Format('bad \\n escape')")]
    [InlineData("States.Array(1) trailing")]
    [InlineData("States.Array(bareword)")]
    [InlineData("States.Array(-.5)")]
    [InlineData("States.Array(01)")]
    public void Malformed_or_unknown_calls_are_invalid(string expression)
    {
        Assert.False(Intrinsics.IsValid(expression));
        Assert.NotNull(Intrinsics.Problem(expression));
        Fails(expression);
    }

    [Fact]
    public void Number_literals_follow_json_syntax() =>
        Json.Equal("[-1.5,0,20000,null,true,false]", Eval("States.Array(-1.5, 0, 2e4, null, true, false)"));

    [Fact]
    public void A_missing_path_argument_fails() => Fails("States.Array($.missing)");

    [Fact]
    public void Nesting_deeper_than_ten_is_invalid()
    {
        var ten = string.Concat(Enumerable.Repeat("States.Array(", 10)) + new string(')', 10);
        var eleven = string.Concat(Enumerable.Repeat("States.Array(", 11)) + new string(')', 11);
        Assert.True(Intrinsics.IsValid(ten));
        Assert.False(Intrinsics.IsValid(eleven));
    }

    [Fact]
    public void Every_documented_intrinsic_is_supported() =>
        Assert.Equal(
            new[] { "States.Array", "States.ArrayContains", "States.ArrayGetItem", "States.ArrayLength", "States.ArrayPartition", "States.ArrayRange",
                "States.ArrayUnique", "States.Base64Decode", "States.Base64Encode", "States.Format", "States.Hash", "States.JsonMerge",
                "States.JsonToString", "States.MathAdd", "States.MathRandom", "States.StringSplit", "States.StringToJson", "States.UUID" },
            Intrinsics.FunctionNames.Order(StringComparer.Ordinal).ToArray());
}
