using System.Text.Json.Nodes;

namespace SmsOnboarding.Infra.Tests.Deployed;

/// <summary>
/// What CloudFormation would make of the template's values when the stack is created in one account and Region:
/// physical names for resources the template leaves unnamed, and the intrinsics the template uses (Ref, Fn::GetAtt,
/// Fn::Join) resolved to them. Anything else is refused by name, so a new intrinsic in the stack fails the
/// deployed-shape test instead of being guessed.
/// </summary>
internal sealed class CloudFormationValues(JsonObject template, string stackName, string region, string accountId)
{
    private const string Partition = "aws";
    private readonly Dictionary<string, string> _generatedNames = new(StringComparer.Ordinal);

    public string Region => region;

    public string AccountId => accountId;

    public JsonObject Resources => template["Resources"]!.AsObject();

    public JsonObject Properties(string logicalId) =>
        Resources[logicalId]?["Properties"]?.AsObject() ?? throw new InvalidOperationException($"The template has no resource {logicalId}.");

    public string TypeOf(string logicalId) =>
        Resources[logicalId]?["Type"]?.GetValue<string>() ?? throw new InvalidOperationException($"The template has no resource {logicalId}.");

    /// <summary>A scalar property value, intrinsics resolved.</summary>
    public string Resolve(JsonNode? value) => value switch
    {
        JsonValue scalar => scalar.ToString(),
        JsonObject { Count: 1 } intrinsic => Intrinsic(intrinsic.First().Key, intrinsic.First().Value),
        _ => throw new NotSupportedException($"Not a scalar CloudFormation value: {value?.ToJsonString() ?? "null"}."),
    };

    /// <summary>A JSON document property (an IAM policy), every intrinsic inside it resolved.</summary>
    public JsonNode ResolveDocument(JsonNode document) => document switch
    {
        JsonObject { Count: 1 } o when o.First().Key is "Ref" || o.First().Key.StartsWith("Fn::", StringComparison.Ordinal) => JsonValue.Create(Resolve(o))!,
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : ResolveDocument(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(n => n is null ? null : ResolveDocument(n))]),
        _ => document.DeepClone(),
    };

    /// <summary>The name CloudFormation gives the resource: its name property, or stack-logicalId-random within the type's limit.</summary>
    public string PhysicalName(string logicalId)
    {
        var (property, maxLength) = TypeOf(logicalId) switch
        {
            "AWS::IAM::Role" => ("RoleName", 64),
            "AWS::IAM::ManagedPolicy" => ("ManagedPolicyName", 128),
            "AWS::Lambda::Function" => ("FunctionName", 64),
            "AWS::DynamoDB::Table" => ("TableName", 255),
            "AWS::SNS::Topic" => ("TopicName", 256),
            "AWS::Logs::LogGroup" => ("LogGroupName", 512),
            "AWS::StepFunctions::StateMachine" => ("StateMachineName", 80),
            var type => throw new NotSupportedException($"No physical name rule for {type} ({logicalId})."),
        };
        if (Properties(logicalId)[property] is { } named)
        {
            return Resolve(named);
        }
        if (!_generatedNames.TryGetValue(logicalId, out var name))
        {
            var suffix = Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
            var prefix = $"{stackName}-{logicalId}";
            name = $"{prefix[..Math.Min(prefix.Length, maxLength - suffix.Length - 1)]}-{suffix}";
            _generatedNames[logicalId] = name;
        }
        return name;
    }

    public string Arn(string logicalId)
    {
        var name = PhysicalName(logicalId);
        return TypeOf(logicalId) switch
        {
            "AWS::IAM::Role" => $"arn:{Partition}:iam::{accountId}:role{PathOf(logicalId)}{name}",
            "AWS::IAM::ManagedPolicy" => $"arn:{Partition}:iam::{accountId}:policy{PathOf(logicalId)}{name}",
            "AWS::Lambda::Function" => $"arn:{Partition}:lambda:{region}:{accountId}:function:{name}",
            "AWS::DynamoDB::Table" => $"arn:{Partition}:dynamodb:{region}:{accountId}:table/{name}",
            "AWS::SNS::Topic" => $"arn:{Partition}:sns:{region}:{accountId}:{name}",
            "AWS::Logs::LogGroup" => $"arn:{Partition}:logs:{region}:{accountId}:log-group:{name}:*",
            "AWS::StepFunctions::StateMachine" => $"arn:{Partition}:states:{region}:{accountId}:stateMachine:{name}",
            var type => throw new NotSupportedException($"No ARN rule for {type} ({logicalId})."),
        };
    }

    public string PathOf(string logicalId) => Properties(logicalId)["Path"] is { } path ? Resolve(path) : "/";

    private string Intrinsic(string name, JsonNode? argument) => name switch
    {
        "Ref" => Ref(argument!.GetValue<string>()),
        "Fn::GetAtt" => GetAtt(argument![0]!.GetValue<string>(), argument[1]!.GetValue<string>()),
        "Fn::Join" => string.Join(argument![0]!.GetValue<string>(), argument[1]!.AsArray().Select(Resolve)),
        _ => throw new NotSupportedException($"The deployed-shape test does not resolve {name}: {argument?.ToJsonString()}."),
    };

    // Ref's answer per type, as the CloudFormation resource reference documents it (name for some, ARN for others).
    private string Ref(string target) => target switch
    {
        "AWS::Partition" => Partition,
        "AWS::Region" => region,
        "AWS::AccountId" => accountId,
        "AWS::StackName" => stackName,
        "AWS::URLSuffix" => "amazonaws.com",
        _ when template["Parameters"]?[target] is { } parameter => parameter["Default"]?.GetValue<string>()
            ?? throw new NotSupportedException($"Parameter {target} has no default."),
        _ => TypeOf(target) switch
        {
            "AWS::IAM::ManagedPolicy" or "AWS::SNS::Topic" or "AWS::StepFunctions::StateMachine" => Arn(target),
            "AWS::IAM::Role" or "AWS::Lambda::Function" or "AWS::DynamoDB::Table" or "AWS::Logs::LogGroup" => PhysicalName(target),
            var type => throw new NotSupportedException($"No Ref rule for {type} ({target})."),
        },
    };

    private string GetAtt(string target, string attribute) => (TypeOf(target), attribute) switch
    {
        (_, "Arn") => Arn(target),
        ("AWS::SNS::Topic", "TopicArn") => Arn(target),
        var (type, _) => throw new NotSupportedException($"No Fn::GetAtt rule for {type}.{attribute} ({target})."),
    };
}
