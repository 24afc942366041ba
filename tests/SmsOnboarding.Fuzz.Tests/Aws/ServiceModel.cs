using System.Text.Json.Nodes;

namespace SmsOnboarding.Fuzz.Tests.Aws;

/// <summary>The parts of a botocore service model the fuzzer needs: protocol, operations and their input shapes.</summary>
internal sealed class ServiceModel
{
    private readonly JsonObject _shapes;

    private ServiceModel(JsonObject model)
    {
        var metadata = model["metadata"]!.AsObject();
        Protocol = metadata["protocol"]!.GetValue<string>();
        SigningName = (metadata["signingName"] ?? metadata["endpointPrefix"])!.GetValue<string>();
        ApiVersion = metadata["apiVersion"]!.GetValue<string>();
        TargetPrefix = metadata["targetPrefix"]?.GetValue<string>();
        JsonVersion = metadata["jsonVersion"]?.GetValue<string>();
        _shapes = model["shapes"]!.AsObject();
        Operations = [.. model["operations"]!.AsObject()
            .Select(o => new Operation(o.Key, o.Value!["input"]?["shape"]?.GetValue<string>()))
            .OrderBy(o => o.Name, StringComparer.Ordinal)];
    }

    public string Protocol { get; }
    public string SigningName { get; }
    public string ApiVersion { get; }
    public string? TargetPrefix { get; }
    public string? JsonVersion { get; }
    public IReadOnlyList<Operation> Operations { get; }

    public bool IsJson => Protocol == "json";

    public JsonObject Shape(string name) => _shapes[name]!.AsObject();

    public static ServiceModel Load(string fileName) =>
        new(JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "models", fileName)))!.AsObject());
}

internal sealed record Operation(string Name, string? InputShape);
