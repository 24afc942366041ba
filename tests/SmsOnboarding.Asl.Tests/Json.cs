using System.Text.Json.Nodes;

namespace SmsOnboarding.Asl.Tests;

internal static class Json
{
    public static JsonNode? Parse(string json) => JsonNode.Parse(json);

    public static void Equal(string expectedJson, JsonNode? actual)
    {
        var expected = JsonNode.Parse(expectedJson);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"Expected {expected?.ToJsonString() ?? "null"} but was {actual?.ToJsonString() ?? "null"}");
    }

    public static AslRuntimeException Fails(Action action, string error)
    {
        var e = Assert.Throws<AslRuntimeException>(action);
        Assert.Equal(error, e.Error);
        Assert.False(string.IsNullOrWhiteSpace(e.Cause));
        return e;
    }

    /// <summary>A one-state definition whose only state is the given JSON (named "S").</summary>
    public static StateMachineDefinition Single(string stateJson) =>
        StateMachineDefinition.Parse("""{"StartAt":"S","States":{"S":""" + stateJson + "}}");

    public static IReadOnlyList<DefinitionProblem> Problems(string definitionJson)
    {
        var e = Assert.Throws<AslDefinitionException>(() => StateMachineDefinition.Parse(definitionJson));
        Assert.NotEmpty(e.Problems);
        return e.Problems;
    }

    public static DefinitionProblem ProblemAt(string definitionJson, string pointer, string code)
    {
        var problems = Problems(definitionJson);
        var match = problems.FirstOrDefault(p => p.Pointer == pointer && p.Message.StartsWith(code + ":", StringComparison.Ordinal));
        Assert.True(match is not null, $"No {code} at {pointer}; problems: {string.Join(" | ", problems.Select(p => $"{p.Pointer} {p.Message}"))}");
        Assert.EndsWith(" at " + (pointer.Length == 0 ? "/" : pointer), match!.Message, StringComparison.Ordinal);
        return match;
    }
}
