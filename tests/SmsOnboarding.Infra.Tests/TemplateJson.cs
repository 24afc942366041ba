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

    /// <summary>The logical id a value references, through Ref or Fn::GetAtt.</summary>
    public static string? Target(JsonNode? value) =>
        value?["Ref"]?.GetValue<string>() ?? value?["Fn::GetAtt"]?[0]?.GetValue<string>();
}
