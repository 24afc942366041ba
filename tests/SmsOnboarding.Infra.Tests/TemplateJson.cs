using System.Text.Json.Nodes;

namespace SmsOnboarding.Infra.Tests;

/// <summary>Small readers for CloudFormation JSON where IAM lets a value be a scalar or a list.</summary>
internal static class TemplateJson
{
    public static IEnumerable<JsonNode> Many(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => array.Where(n => n is not null).Select(n => n!),
        _ => [node],
    };

    public static IEnumerable<string> Strings(JsonNode? node) => Many(node).Select(n => n.ToJsonString().Trim('"'));

    /// <summary>
    /// A value in the catalog's token form: pseudo parameters become {partition}, {region} and {account}, a Ref to a
    /// template parameter becomes {Name}, and Fn::Join is joined, so template values compare with catalog grants.
    /// </summary>
    public static string Text(JsonNode? value) => value switch
    {
        JsonValue scalar => scalar.GetValue<string>(),
        JsonObject { Count: 1 } reference when reference["Ref"] is { } name => name.GetValue<string>() switch
        {
            "AWS::Partition" => "{partition}",
            "AWS::Region" => "{region}",
            "AWS::AccountId" => "{account}",
            var parameter => "{" + parameter + "}",
        },
        JsonObject { Count: 1 } join when join["Fn::Join"] is JsonArray parts =>
            string.Join(parts[0]!.GetValue<string>(), parts[1]!.AsArray().Select(Text)),
        _ => throw new InvalidOperationException($"Not a string, Ref or Fn::Join: {value?.ToJsonString()}"),
    };

    /// <summary>The logical id a value references, through Ref or Fn::GetAtt.</summary>
    public static string? Target(JsonNode? value) =>
        value?["Ref"]?.GetValue<string>() ?? value?["Fn::GetAtt"]?[0]?.GetValue<string>();
}
