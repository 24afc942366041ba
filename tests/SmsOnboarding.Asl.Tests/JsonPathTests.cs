using System.Text.Json.Nodes;

namespace SmsOnboarding.Asl.Tests;

public class JsonPathTests
{
    // The example document of the AWS "Reference paths" documentation.
    private static readonly JsonNode? Doc = Json.Parse("""{"foo":123,"bar":["a","b","c"],"car":{"cdr":true}}""");

    private static readonly JsonNode? Store = Json.Parse("""
        {"store":{"book":[
          {"category":"reference","author":"Nigel Rees","title":"Sayings","price":8.95},
          {"category":"fiction","author":"Evelyn Waugh","title":"Sword","price":12.99},
          {"category":"fiction","author":"Herman Melville","title":"Moby Dick","isbn":"0-553","price":8.99}],
          "bicycle":{"color":"red","price":19.95}},
         "my key":{"a/b":1}}
        """);

    [Theory]
    [InlineData("$.foo", "123")]
    [InlineData("$.bar", """["a","b","c"]""")]
    [InlineData("$.car.cdr", "true")]
    [InlineData("$", """{"foo":123,"bar":["a","b","c"],"car":{"cdr":true}}""")]
    [InlineData("$.bar[0]", "\"a\"")]
    [InlineData("$.bar[-1]", "\"c\"")]
    [InlineData("$['car']['cdr']", "true")]
    [InlineData("$[\"foo\"]", "123")]
    public void Definite_paths_select_a_single_value_as_in_the_AWS_reference_path_examples(string path, string expected) =>
        Json.Equal(expected, JsonPath.Select(path, Doc));

    [Theory]
    [InlineData("$.bar[*]", """["a","b","c"]""")]
    [InlineData("$.bar[0:2]", """["a","b"]""")]
    [InlineData("$.bar[1:]", """["b","c"]""")]
    [InlineData("$.bar[::2]", """["a","c"]""")]
    [InlineData("$.bar[-2:]", """["b","c"]""")]
    [InlineData("$.bar[0,2]", """["a","c"]""")]
    [InlineData("$['foo','car']", """[123,{"cdr":true}]""")]
    [InlineData("$.*", """[123,["a","b","c"],{"cdr":true}]""")]
    public void Indefinite_paths_select_an_array_of_matches(string path, string expected) =>
        Json.Equal(expected, JsonPath.Select(path, Doc));

    [Theory]
    [InlineData("$.store.book[?(@.price < 10)].title", """["Sayings","Moby Dick"]""")]
    [InlineData("$.store.book[?(@.isbn)].title", """["Moby Dick"]""")]
    [InlineData("$.store.book[?(!@.isbn)].title", """["Sayings","Sword"]""")]
    [InlineData("$.store.book[?(@.category == 'fiction' && @.price > 10)].author", """["Evelyn Waugh"]""")]
    [InlineData("$.store.book[?(@.category == 'reference' || @.price > 12)].title", """["Sayings","Sword"]""")]
    [InlineData("$.store.book[?(@.author != \"Nigel Rees\")].price", "[12.99,8.99]")]
    [InlineData("$..author", """["Nigel Rees","Evelyn Waugh","Herman Melville"]""")]
    [InlineData("$.store..price", "[8.95,12.99,8.99,19.95]")]
    [InlineData("$.store.book[*].category", """["reference","fiction","fiction"]""")]
    [InlineData("$.store.book[?(@.price > 100)]", "[]")]
    [InlineData("$['my key']['a/b']", "1")]
    public void Filters_wildcards_and_recursive_descent_work_like_Jayway(string path, string expected) =>
        Json.Equal(expected, JsonPath.Select(path, Store));

    [Theory]
    [InlineData("$.missing")]
    [InlineData("$.foo.deeper")]
    [InlineData("$.bar[3]")]
    [InlineData("$.bar[-4]")]
    [InlineData("$.car[0]")]
    public void Missing_definite_paths_fail_with_States_Runtime(string path)
    {
        Json.Fails(() => JsonPath.Select(path, Doc), ErrorNames.Runtime);
        Assert.False(JsonPath.TrySelect(path, Doc, out _));
    }

    [Fact]
    public void Explicit_null_is_found_and_distinct_from_missing()
    {
        var doc = Json.Parse("""{"a":null}""");
        Assert.True(JsonPath.TrySelect("$.a", doc, out var value));
        Assert.Null(value);
        Assert.False(JsonPath.TrySelect("$.b", doc, out _));
    }

    [Fact]
    public void Selected_values_are_copies_that_can_be_attached_elsewhere()
    {
        var selected = JsonPath.Select("$.car", Doc);
        var other = new JsonObject { ["copy"] = selected };
        Assert.Same(other, selected!.Parent);
        Json.Equal("""{"cdr":true}""", JsonPath.Select("$.car", Doc));
    }

    [Theory]
    [InlineData("$", true)]
    [InlineData("$.a.b[0]", true)]
    [InlineData("$['a b'].c", true)]
    [InlineData("$$.Execution.Id", true)]
    [InlineData("$.a[*]", false)]
    [InlineData("$.a[0:1]", false)]
    [InlineData("$..a", false)]
    [InlineData("$.a[?(@.b)]", false)]
    [InlineData("$.a[0,1]", false)]
    [InlineData("a.b", false)]
    [InlineData("", false)]
    [InlineData("$.", false)]
    [InlineData("$.a[", false)]
    [InlineData("$.a b", false)]
    public void Reference_paths_identify_a_single_node_with_dots_brackets_and_indexes_only(string path, bool valid) =>
        Assert.Equal(valid, JsonPath.IsValidReferencePath(path));

    [Theory]
    [InlineData("$.a[*].b", true)]
    [InlineData("$..x", true)]
    [InlineData("$.a[?(@.price <= 3 && @.name == 'x')]", true)]
    [InlineData("$.a[1:5:2]", true)]
    [InlineData("$.a[?(@.b", false)]
    [InlineData("$.a[::0]", false)]
    [InlineData("foo", false)]
    [InlineData("$.a)", false)]
    public void Full_paths_accept_Jayway_operators_and_reject_malformed_syntax(string path, bool valid) =>
        Assert.Equal(valid, JsonPath.IsValidPath(path));

    [Fact]
    public void Context_paths_are_evaluated_against_the_document_given()
    {
        var context = Json.Parse("""{"Execution":{"Id":"arn:exec"}}""");
        Json.Equal("\"arn:exec\"", JsonPath.Select("$$.Execution.Id", context));
    }
}
