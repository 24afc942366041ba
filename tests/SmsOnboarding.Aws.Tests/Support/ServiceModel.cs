using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace SmsOnboarding.Aws.Tests.Support;

/// <summary>A botocore service model (the trimmed copy under models/), read independently of the generated code.</summary>
public sealed class ServiceModel
{
    private static readonly ConcurrentDictionary<string, ServiceModel> Cache = new();
    private readonly JsonObject _root;

    private ServiceModel(JsonObject root) => _root = root;

    public static ServiceModel Load(string file) => Cache.GetOrAdd(file, f =>
        new ServiceModel(JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "models", f)))!.AsObject()));

    public string Protocol => (string)_root["metadata"]!["protocol"]!;

    public string? TargetPrefix => (string?)_root["metadata"]!["targetPrefix"];

    public string? ApiVersion => (string?)_root["metadata"]!["apiVersion"];

    public IEnumerable<string> OperationNames => _root["operations"]!.AsObject().Select(p => p.Key);

    public bool HasOperation(string op) => _root["operations"]!.AsObject().ContainsKey(op);

    public string? InputShape(string op) => (string?)_root["operations"]![op]!["input"]?["shape"];

    public string? OutputShape(string op) => (string?)_root["operations"]![op]!["output"]?["shape"];

    public string? ResultWrapper(string op) => (string?)_root["operations"]![op]!["output"]?["resultWrapper"];

    public JsonObject Shape(string name) => _root["shapes"]![name]!.AsObject();

    public string Type(string shape) => (string)Shape(shape)["type"]!;

    public IReadOnlyList<(string Name, string Shape)> Members(string shape) =>
        Shape(shape)["members"]?.AsObject().Select(p => (p.Key, (string)p.Value!["shape"]!)).ToList() ?? [];

    public IReadOnlySet<string> Required(string shape) =>
        Shape(shape)["required"]?.AsArray().Select(n => (string)n!).ToHashSet() ?? [];

    public IReadOnlyList<string>? Enum(string shape) => Shape(shape)["enum"]?.AsArray().Select(n => (string)n!).ToList();

    public string ListMember(string shape) => (string)Shape(shape)["member"]!["shape"]!;

    public string MapKey(string shape) => (string)Shape(shape)["key"]!["shape"]!;

    public string MapValue(string shape) => (string)Shape(shape)["value"]!["shape"]!;

    public long? Min(string shape) => (long?)Shape(shape)["min"];

    public long? Max(string shape) => (long?)Shape(shape)["max"];
}
