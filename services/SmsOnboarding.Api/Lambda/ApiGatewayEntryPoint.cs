using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using SmsOnboarding.Api.Aws;

namespace SmsOnboarding.Api.Lambda;

/// <summary>
/// Lambda handler behind API Gateway (REST API, proxy integration, payload v1):
/// <c>SmsOnboarding.Api::SmsOnboarding.Api.Lambda.ApiGatewayEntryPoint::Handle</c>. Stream in, stream out because
/// no Amazon.Lambda serializer package is available; the event and answer are source-generated JSON.
/// </summary>
public sealed class ApiGatewayEntryPoint
{
    // One pipeline per cold start, shared by every instance the runtime creates.
    private static readonly Lazy<Task<LambdaPipeline>> ColdStart = new(() => AwsComposition.FromEnvironmentAsync(CancellationToken.None));

    private readonly Func<Task<LambdaPipeline>> _pipeline;

    public ApiGatewayEntryPoint() => _pipeline = () => ColdStart.Value;

    public ApiGatewayEntryPoint(LambdaPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        _pipeline = () => Task.FromResult(pipeline);
    }

    public async Task<Stream> Handle(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ProxyEvent? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(input, LambdaJsonContext.Default.ProxyEvent).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return Serialize(Error(400, $"The Lambda event is not an API Gateway proxy event: {e.Message}"));
        }
        if (request?.HttpMethod is null || request.Path is null)
        {
            return Serialize(Error(400, "The Lambda event is not an API Gateway proxy event: httpMethod and path are required."));
        }
        if (!request.Path.StartsWith('/'))
        {
            return Serialize(Error(400, "The Lambda event's path must start with '/', as API Gateway sends it."));
        }
        byte[] body;
        try
        {
            body = RequestBody(request);
        }
        catch (FormatException)
        {
            return Serialize(Error(400, "The event says isBase64Encoded but its body is not valid base64."));
        }
        var pipeline = await _pipeline().ConfigureAwait(false);
        return Serialize(await InvokeAsync(pipeline, request, body).ConfigureAwait(false));
    }

    private static async Task<ProxyResponse> InvokeAsync(LambdaPipeline pipeline, ProxyEvent request, byte[] body)
    {
        var responseBody = new MemoryStream();
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(new HttpRequestFeature
        {
            Method = request.HttpMethod!,
            Scheme = "https",
            Protocol = "HTTP/1.1",
            PathBase = "",
            Path = request.Path!,
            QueryString = Query(request).ToUriComponent(),
            Headers = Headers(request),
            Body = new MemoryStream(body),
        });
        features.Set<IHttpResponseFeature>(new HttpResponseFeature());
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(responseBody));
        var factory = pipeline.Services.GetRequiredService<IHttpContextFactory>();
        var context = factory.Create(features);
        try
        {
            if (request.RequestContext?.Identity?.UserArn is { Length: > 0 } principal)
            {
                context.Items[IamAuthentication.PrincipalItem] = principal;
            }
            await pipeline.Handler(context).ConfigureAwait(false);
            await context.Response.CompleteAsync().ConfigureAwait(false);
            var headers = context.Response.Headers.ToDictionary(h => h.Key, h => h.Value.Select(v => v ?? "").ToList(), StringComparer.OrdinalIgnoreCase);
            var bytes = responseBody.ToArray();
            var text = IsText(context.Response.ContentType);
            return new ProxyResponse(context.Response.StatusCode, headers,
                text ? Encoding.UTF8.GetString(bytes) : Convert.ToBase64String(bytes), !text);
        }
        finally
        {
            factory.Dispose(context);
        }
    }

    private static QueryString Query(ProxyEvent request)
    {
        if (request.MultiValueQueryStringParameters is { Count: > 0 } multi)
        {
            return QueryString.Create(multi.Select(p => KeyValuePair.Create(p.Key, new StringValues(p.Value?.ToArray() ?? []))));
        }
        return request.QueryStringParameters is { Count: > 0 } single
            ? QueryString.Create(single.Select(p => KeyValuePair.Create(p.Key, p.Value)))
            : QueryString.Empty;
    }

    private static HeaderDictionary Headers(ProxyEvent request)
    {
        var headers = new HeaderDictionary();
        foreach (var (name, value) in request.Headers ?? [])
        {
            headers[name] = value;
        }
        // Multi-value headers carry every value of a repeated header; they win over the single-value view.
        foreach (var (name, values) in request.MultiValueHeaders ?? [])
        {
            headers[name] = new StringValues(values?.ToArray() ?? []);
        }
        return headers;
    }

    private static byte[] RequestBody(ProxyEvent request) => request.Body switch
    {
        null => [],
        var body when request.IsBase64Encoded => Convert.FromBase64String(body),
        var body => Encoding.UTF8.GetBytes(body),
    };

    private static bool IsText(string? contentType) =>
        contentType is null
        || contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("json", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("javascript", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("xml", StringComparison.OrdinalIgnoreCase);

    private static ProxyResponse Error(int status, string message) => new(
        status,
        new Dictionary<string, List<string>> { ["Content-Type"] = ["application/json; charset=utf-8"] },
        JsonSerializer.Serialize(new Auth.ApiError("invalidEvent", message), ApiJson.Options),
        false);

    private static MemoryStream Serialize(ProxyResponse response)
    {
        var output = new MemoryStream();
        JsonSerializer.Serialize(output, response, LambdaJsonContext.Default.ProxyResponse);
        output.Position = 0;
        return output;
    }
}
