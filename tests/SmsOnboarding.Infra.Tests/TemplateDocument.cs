using System.Text.Json.Nodes;

namespace SmsOnboarding.Infra.Tests;

/// <summary>One synthesized CloudFormation template, as written to cdk.out.</summary>
public sealed class TemplateDocument(JsonObject json)
{
    public JsonObject Json { get; } = json;

    public JsonObject Resources => Json["Resources"]!.AsObject();

    public JsonObject Parameters => Json["Parameters"]!.AsObject();

    public static TemplateDocument Load(string path) => new(JsonNode.Parse(File.ReadAllText(path))!.AsObject());

    public IEnumerable<(string LogicalId, JsonObject Resource)> OfType(string type) =>
        Resources.Where(r => r.Value!["Type"]!.GetValue<string>() == type).Select(r => (r.Key, r.Value!.AsObject()));
}
