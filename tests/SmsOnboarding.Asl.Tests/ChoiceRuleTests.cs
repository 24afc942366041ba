using System.Text.Json.Nodes;

namespace SmsOnboarding.Asl.Tests;

public class ChoiceRuleTests
{
    private static readonly JsonNode? Input = Json.Parse("""
        {"s":"MyString","n":5,"f":5.5,"b":true,"t":"2001-01-01T12:00:00Z","nul":null,"obj":{},"arr":[1],
         "s2":"MyString","n2":10,"b2":false,"t2":"2001-01-01T13:00:00+01:00","file":"log-2024.txt","star":"a*b","ts_bad":"2001-01-01 12:00:00"}
        """);

    private static ChoiceRule Rule(string ruleJson)
    {
        var definition = StateMachineDefinition.Parse(
            """{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[""" + ruleJson[..^1]
            + ""","Next":"Yes"}],"Default":"No"},"Yes":{"Type":"Succeed"},"No":{"Type":"Succeed"}}}""");
        return ((ChoiceState)definition["C"]).Choices.Single();
    }

    private static bool Matches(string ruleJson) => Rule(ruleJson).Matches(Input, Json.Parse("{}"));

    [Theory]
    [InlineData("""{"Variable":"$.s","StringEquals":"MyString"}""", true)]
    [InlineData("""{"Variable":"$.s","StringEquals":"Other"}""", false)]
    [InlineData("""{"Variable":"$.s","StringLessThan":"MyStringABC"}""", true)]
    [InlineData("""{"Variable":"$.s","StringGreaterThan":"MyStrinf"}""", true)]
    [InlineData("""{"Variable":"$.s","StringLessThanEquals":"MyString"}""", true)]
    [InlineData("""{"Variable":"$.s","StringGreaterThanEquals":"MyStringA"}""", false)]
    [InlineData("""{"Variable":"$.s","StringEqualsPath":"$.s2"}""", true)]
    [InlineData("""{"Variable":"$.s","StringLessThanPath":"$.s2"}""", false)]
    [InlineData("""{"Variable":"$.s","StringGreaterThanPath":"$.s2"}""", false)]
    [InlineData("""{"Variable":"$.s","StringLessThanEqualsPath":"$.s2"}""", true)]
    [InlineData("""{"Variable":"$.s","StringGreaterThanEqualsPath":"$.s2"}""", true)]
    [InlineData("""{"Variable":"$.n","StringEquals":"5"}""", false)]
    public void String_comparisons_are_ordinal_and_false_on_type_mismatch(string rule, bool expected) =>
        Assert.Equal(expected, Matches(rule));

    [Theory]
    [InlineData("""{"Variable":"$.file","StringMatches":"log-*.txt"}""", true)]
    [InlineData("""{"Variable":"$.file","StringMatches":"*.txt"}""", true)]
    [InlineData("""{"Variable":"$.file","StringMatches":"log-*.csv"}""", false)]
    [InlineData("""{"Variable":"$.file","StringMatches":"log-2024.txt"}""", true)]
    [InlineData("""{"Variable":"$.file","StringMatches":"*"}""", true)]
    [InlineData("""{"Variable":"$.star","StringMatches":"a\\*b"}""", true)]
    [InlineData("""{"Variable":"$.file","StringMatches":"log\\*"}""", false)]
    [InlineData("""{"Variable":"$.n","StringMatches":"*"}""", false)]
    public void StringMatches_supports_star_wildcards_and_escaped_stars(string rule, bool expected) =>
        Assert.Equal(expected, Matches(rule));

    [Theory]
    [InlineData("""{"Variable":"$.n","NumericEquals":5}""", true)]
    [InlineData("""{"Variable":"$.n","NumericEquals":5.0}""", true)]
    [InlineData("""{"Variable":"$.f","NumericLessThan":6}""", true)]
    [InlineData("""{"Variable":"$.f","NumericGreaterThan":5.4}""", true)]
    [InlineData("""{"Variable":"$.n","NumericLessThanEquals":5}""", true)]
    [InlineData("""{"Variable":"$.n","NumericGreaterThanEquals":6}""", false)]
    [InlineData("""{"Variable":"$.n","NumericEqualsPath":"$.n2"}""", false)]
    [InlineData("""{"Variable":"$.n","NumericLessThanPath":"$.n2"}""", true)]
    [InlineData("""{"Variable":"$.n","NumericGreaterThanPath":"$.n2"}""", false)]
    [InlineData("""{"Variable":"$.n","NumericLessThanEqualsPath":"$.n2"}""", true)]
    [InlineData("""{"Variable":"$.n2","NumericGreaterThanEqualsPath":"$.n"}""", true)]
    [InlineData("""{"Variable":"$.s","NumericEquals":5}""", false)]
    public void Numeric_comparisons_compare_values_and_are_false_on_type_mismatch(string rule, bool expected) =>
        Assert.Equal(expected, Matches(rule));

    [Theory]
    [InlineData("""{"Variable":"$.b","BooleanEquals":true}""", true)]
    [InlineData("""{"Variable":"$.b","BooleanEquals":false}""", false)]
    [InlineData("""{"Variable":"$.b","BooleanEqualsPath":"$.b2"}""", false)]
    [InlineData("""{"Variable":"$.b2","BooleanEqualsPath":"$.b2"}""", true)]
    [InlineData("""{"Variable":"$.s","BooleanEquals":true}""", false)]
    public void Boolean_comparisons(string rule, bool expected) => Assert.Equal(expected, Matches(rule));

    [Theory]
    [InlineData("""{"Variable":"$.t","TimestampEquals":"2001-01-01T12:00:00Z"}""", true)]
    [InlineData("""{"Variable":"$.t","TimestampEqualsPath":"$.t2"}""", true)]
    [InlineData("""{"Variable":"$.t","TimestampLessThan":"2001-01-01T12:00:01Z"}""", true)]
    [InlineData("""{"Variable":"$.t","TimestampGreaterThan":"2001-01-01T12:00:00Z"}""", false)]
    [InlineData("""{"Variable":"$.t","TimestampLessThanEquals":"2001-01-01T12:00:00.000Z"}""", true)]
    [InlineData("""{"Variable":"$.t","TimestampGreaterThanEquals":"2001-01-01T11:00:00-02:00"}""", false)]
    [InlineData("""{"Variable":"$.t","TimestampLessThanPath":"$.t2"}""", false)]
    [InlineData("""{"Variable":"$.t","TimestampGreaterThanPath":"$.t2"}""", false)]
    [InlineData("""{"Variable":"$.t","TimestampLessThanEqualsPath":"$.t2"}""", true)]
    [InlineData("""{"Variable":"$.t","TimestampGreaterThanEqualsPath":"$.t2"}""", true)]
    [InlineData("""{"Variable":"$.ts_bad","TimestampEquals":"2001-01-01T12:00:00Z"}""", false)]
    [InlineData("""{"Variable":"$.n","TimestampEquals":"2001-01-01T12:00:00Z"}""", false)]
    public void Timestamp_comparisons_use_RFC3339_instants(string rule, bool expected) => Assert.Equal(expected, Matches(rule));

    [Theory]
    [InlineData("""{"Variable":"$.nul","IsNull":true}""", true)]
    [InlineData("""{"Variable":"$.s","IsNull":true}""", false)]
    [InlineData("""{"Variable":"$.s","IsNull":false}""", true)]
    [InlineData("""{"Variable":"$.s","IsPresent":true}""", true)]
    [InlineData("""{"Variable":"$.nul","IsPresent":true}""", true)]
    [InlineData("""{"Variable":"$.missing","IsPresent":true}""", false)]
    [InlineData("""{"Variable":"$.missing","IsPresent":false}""", true)]
    [InlineData("""{"Variable":"$.f","IsNumeric":true}""", true)]
    [InlineData("""{"Variable":"$.s","IsNumeric":true}""", false)]
    [InlineData("""{"Variable":"$.s","IsString":true}""", true)]
    [InlineData("""{"Variable":"$.obj","IsString":false}""", true)]
    [InlineData("""{"Variable":"$.b","IsBoolean":true}""", true)]
    [InlineData("""{"Variable":"$.arr","IsBoolean":true}""", false)]
    [InlineData("""{"Variable":"$.t","IsTimestamp":true}""", true)]
    [InlineData("""{"Variable":"$.ts_bad","IsTimestamp":true}""", false)]
    [InlineData("""{"Variable":"$.s","IsTimestamp":false}""", true)]
    public void Type_tests(string rule, bool expected) => Assert.Equal(expected, Matches(rule));

    [Theory]
    [InlineData("""{"And":[{"Variable":"$.n","NumericGreaterThan":1},{"Variable":"$.b","BooleanEquals":true}]}""", true)]
    [InlineData("""{"And":[{"Variable":"$.n","NumericGreaterThan":1},{"Variable":"$.b","BooleanEquals":false}]}""", false)]
    [InlineData("""{"Or":[{"Variable":"$.n","NumericGreaterThan":100},{"Variable":"$.b","BooleanEquals":true}]}""", true)]
    [InlineData("""{"Or":[{"Variable":"$.n","NumericGreaterThan":100},{"Variable":"$.b","BooleanEquals":false}]}""", false)]
    [InlineData("""{"Not":{"Variable":"$.s","StringEquals":"x"}}""", true)]
    [InlineData("""{"Not":{"And":[{"Variable":"$.n","NumericEquals":5},{"Or":[{"Variable":"$.s","StringEquals":"no"},{"Not":{"Variable":"$.b","BooleanEquals":false}}]}]}}""", false)]
    public void And_Or_Not_nest(string rule, bool expected) => Assert.Equal(expected, Matches(rule));

    [Fact]
    public void And_short_circuits_so_IsPresent_guards_a_later_comparison_as_in_the_AWS_example()
    {
        var rule = """{"And":[{"Variable":"$.keyThatMightNotExist","IsPresent":true},{"Variable":"$.keyThatMightNotExist","StringEquals":"foo"}]}""";
        Assert.False(Matches(rule));
    }

    [Theory]
    [InlineData("""{"Variable":"$.missing","StringEquals":"x"}""")]
    [InlineData("""{"Variable":"$.missing","IsNull":true}""")]
    [InlineData("""{"Variable":"$.n","NumericEqualsPath":"$.missing"}""")]
    public void Comparing_a_missing_variable_or_operand_is_a_runtime_error(string rule) =>
        Json.Fails(() => Matches(rule), ErrorNames.Runtime);

    [Fact]
    public void Variables_can_read_the_context_object()
    {
        var rule = Rule("""{"Variable":"$$.Execution.Input.flag","BooleanEquals":true}""");
        Assert.True(rule.Matches(Json.Parse("{}"), Json.Parse("""{"Execution":{"Input":{"flag":true}}}""")));
    }

    [Fact]
    public void Top_level_rules_carry_next_and_expose_their_structure()
    {
        var rule = (ComparisonRule)Rule("""{"Variable":"$.n","NumericLessThanPath":"$.n2"}""");
        Assert.Equal("Yes", rule.Next);
        Assert.Equal("$.n", rule.Variable);
        Assert.Equal(ComparisonOperator.NumericLessThanPath, rule.Operator);
        Assert.Equal("$.n2", rule.OperandPath);
        var and = (AndRule)Rule("""{"And":[{"Variable":"$.n","IsPresent":true}]}""");
        Assert.Null(and.Rules.Single().Next);
    }
}

public class ChoiceStateTests
{
    private static ChoiceState Choice(string defaultField) => (ChoiceState)StateMachineDefinition.Parse("""
        {"StartAt":"C","States":{"C":{"Type":"Choice",
          "Choices":[{"Variable":"$.n","NumericLessThan":10,"Next":"Small"},{"Variable":"$.n","NumericLessThan":100,"Next":"Medium"}]
        """ + defaultField + """
        },"Small":{"Type":"Succeed"},"Medium":{"Type":"Succeed"}
        """ + (defaultField.Length > 0 ? ""","Large":{"Type":"Succeed"}""" : "") + "}}")["C"];

    [Theory]
    [InlineData(5, "Small")]
    [InlineData(50, "Medium")]
    [InlineData(500, "Large")]
    public void The_first_matching_rule_wins_then_the_default(int n, string expected) =>
        Assert.Equal(expected, Choice(""","Default":"Large" """).NextState(Json.Parse($$"""{"n":{{n}}}"""), null));

    [Fact]
    public void No_match_without_default_is_a_States_Runtime_error_as_AWS_reports_it() =>
        Json.Fails(() => Choice("").NextState(Json.Parse("""{"n":500}"""), null), ErrorNames.Runtime);
}
