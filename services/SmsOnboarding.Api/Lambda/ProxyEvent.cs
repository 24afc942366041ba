using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmsOnboarding.Api.Lambda;

/// <summary>The members of an API Gateway REST API proxy (payload v1) event that the API reads.</summary>
public sealed record ProxyEvent(
    string? HttpMethod,
    string? Path,
    Dictionary<string, string?>? Headers,
    Dictionary<string, List<string>?>? MultiValueHeaders,
    Dictionary<string, string?>? QueryStringParameters,
    Dictionary<string, List<string>?>? MultiValueQueryStringParameters,
    string? Body,
    bool IsBase64Encoded,
    ProxyRequestContext? RequestContext);

public sealed record ProxyRequestContext(string? RequestId, ProxyIdentity? Identity);

/// <summary>Filled by the AWS_IAM authorizer: the SigV4 signer's IAM principal.</summary>
public sealed record ProxyIdentity(string? UserArn, string? Caller, string? SourceIp);

public sealed record ProxyResponse(
    int StatusCode,
    Dictionary<string, List<string>> MultiValueHeaders,
    string Body,
    bool IsBase64Encoded);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProxyEvent))]
[JsonSerializable(typeof(ProxyResponse))]
[JsonSerializable(typeof(PrincipalEntry[]))]
internal sealed partial class LambdaJsonContext : JsonSerializerContext;
