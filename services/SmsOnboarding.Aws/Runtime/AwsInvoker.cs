using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Xml;
using System.Xml.Linq;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Signing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmsOnboarding.Aws.Protocols;

namespace SmsOnboarding.Aws.Runtime;

/// <summary>
/// Sends one operation: encodes (awsJson or awsQuery), signs with SigV4 (AWSSDK.Core), retries idempotent calls with
/// full-jitter backoff on the configured clock, and decodes the result or the error document.
/// </summary>
public sealed class AwsInvoker : IDisposable
{
    private readonly AwsService _service;
    private readonly AwsClientConfig _config;
    private readonly ILogger _logger;
    private readonly Lazy<Transport> _transport;

    public AwsInvoker(AwsService service, AwsClientConfig config)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(config);
        if (config.Retry.MaxAttempts < 1)
        {
            throw new ArgumentException("Retry.MaxAttempts must be at least 1.", nameof(config));
        }
        if (config.Timeout <= TimeSpan.Zero && config.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException("Timeout must be positive (or Timeout.InfiniteTimeSpan).", nameof(config));
        }
        _service = service;
        _config = config;
        Endpoint = EndpointResolver.Resolve(service, config);
        _logger = config.LoggerFactory?.CreateLogger("SmsOnboarding.Aws." + service.EndpointPrefix) ?? NullLogger.Instance;
        _transport = new Lazy<Transport>(CreateTransport, LazyThreadSafetyMode.PublicationOnly);
    }

    public ResolvedEndpoint Endpoint { get; }

    public Task<TResponse> InvokeJsonAsync<TRequest, TResponse>(
        AwsOperation operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestInfo,
        JsonTypeInfo<TResponse> responseInfo,
        CancellationToken cancellationToken)
        where TRequest : IAwsRequest
    {
        ArgumentNullException.ThrowIfNull(operation);
        var idempotent = Prepare(operation, request);
        var body = JsonSerializer.SerializeToUtf8Bytes(request, requestInfo);
        var target = $"{_service.TargetPrefix}.{operation.Name}";
        return SendAsync(
            operation.Name,
            idempotent,
            Redactor.SensitiveValues(request),
            () =>
            {
                var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue(_service.JsonContentType);
                var message = new HttpRequestMessage(HttpMethod.Post, Endpoint.Url) { Content = content };
                message.Headers.TryAddWithoutValidation("X-Amz-Target", target);
                return message;
            },
            text => JsonSerializer.Deserialize(string.IsNullOrWhiteSpace(text) ? "{}" : text, responseInfo)
                ?? throw new JsonException("Response body is null."),
            ErrorParser.ParseJson,
            cancellationToken);
    }

    public Task<TResponse> InvokeQueryAsync<TRequest, TResponse>(
        AwsOperation operation,
        TRequest request,
        Action<QueryWriter> writeMembers,
        Func<XElement, TResponse> readResult,
        CancellationToken cancellationToken)
        where TRequest : IAwsRequest
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(writeMembers);
        ArgumentNullException.ThrowIfNull(readResult);
        var idempotent = Prepare(operation, request);
        var writer = new QueryWriter();
        writer.Scalar("Action", operation.Name);
        writer.Scalar("Version", _service.ApiVersion);
        writeMembers(writer);
        var body = Encoding.UTF8.GetBytes(writer.ToFormBody());
        return SendAsync(
            operation.Name,
            idempotent,
            Redactor.SensitiveValues(request),
            () =>
            {
                var content = new ByteArrayContent(body);
                content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");
                return new HttpRequestMessage(HttpMethod.Post, Endpoint.Url) { Content = content };
            },
            text => readResult(QueryResult(text, operation.Name)),
            ErrorParser.ParseXml,
            cancellationToken);
    }

    public void Dispose()
    {
        if (_transport.IsValueCreated)
        {
            _transport.Value.Client.Dispose();
        }
    }

    /// <summary>Rejects incomplete requests before any I/O and fills an empty idempotency token so retries are safe.</summary>
    private static bool Prepare(AwsOperation operation, IAwsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var missing = request.MissingRequiredMembers().ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException(
                $"{operation.Name}Request is missing required member(s): {string.Join(", ", missing)}.", nameof(request));
        }
        if (request is IAwsIdempotentRequest tokenized)
        {
            if (string.IsNullOrEmpty(tokenized.IdempotencyToken))
            {
                tokenized.IdempotencyToken = Guid.NewGuid().ToString();
            }
            return true;
        }
        return operation.Idempotent;
    }

    private static XElement QueryResult(string text, string operation)
    {
        var root = XDocument.Parse(text).Root ?? throw new XmlException("Empty XML response.");
        return root.Elements().FirstOrDefault(e => e.Name.LocalName == operation + "Result") ?? new XElement(operation + "Result");
    }

    private async Task<TResponse> SendAsync<TResponse>(
        string operation,
        bool idempotent,
        IReadOnlyList<string> sensitiveValues,
        Func<HttpRequestMessage> buildRequest,
        Func<string, TResponse> parseResult,
        Func<HttpStatusCode, string, HttpResponseHeaders?, ErrorParser.ParsedError> parseError,
        CancellationToken cancellationToken)
    {
        var client = _transport.Value.Client;
        var clock = _config.TimeProvider;
        var renewedCredentials = false;
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            AwsServiceException failure;
            var started = clock.GetTimestamp();
            using (var timeout = new CancellationTokenSource(_config.Timeout, clock))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
            {
                try
                {
                    using var request = buildRequest();
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token)
                        .ConfigureAwait(false);
                    var text = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
                    var elapsed = (long)clock.GetElapsedTime(started).TotalMilliseconds;
                    if (response.IsSuccessStatusCode)
                    {
                        AwsLog.Completed(_logger, _service.ServiceName, operation, attempt, (int)response.StatusCode, elapsed,
                            HeaderValue(response, "x-amzn-RequestId"));
                        return Decode(operation, text, parseResult, response);
                    }
                    var error = parseError(response.StatusCode, text, response.Headers);
                    failure = new AwsServiceException(error.Code, Redactor.Redact(error.Message, sensitiveValues), response.StatusCode,
                        error.RequestId, error.Reason, _service.ServiceName)
                    { Operation = operation, Attempts = attempt };
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (OperationCanceledException e) when (timeout.IsCancellationRequested)
                {
                    failure = NetworkFault(AwsServiceException.NetworkCodes.RequestTimeout,
                        $"No response within {_config.Timeout.TotalSeconds:0.###} s.", operation, attempt, e);
                }
                catch (Exception e) when (e is HttpRequestException or IOException)
                {
                    failure = NetworkFault(AwsServiceException.NetworkCodes.NetworkFailure,
                        Redactor.Redact(e.Message, sensitiveValues), operation, attempt, e);
                }
            }
            // Refused before the operation ran, so even a call that is not idempotent may go again, once, signed with
            // the provider's renewed session (the SDKs' refreshing credentials do the same on an expired token).
            if (!renewedCredentials && _config.CredentialsProvider is not null && failure.ErrorCode is "ExpiredToken" or "ExpiredTokenException")
            {
                renewedCredentials = true;
                continue;
            }
            if (!idempotent || !failure.IsRetryable || attempt >= _config.Retry.MaxAttempts)
            {
                AwsLog.Failed(_logger, _service.ServiceName, operation, attempt, failure.ErrorCode, (int)failure.HttpStatusCode,
                    failure.RequestId, failure.Message);
                throw failure;
            }
            var delay = _config.Retry.Delay(attempt);
            AwsLog.Retrying(_logger, _service.ServiceName, operation, attempt, failure.ErrorCode, failure.Message,
                (long)delay.TotalMilliseconds);
            await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    private TResponse Decode<TResponse>(string operation, string text, Func<string, TResponse> parseResult, HttpResponseMessage response)
    {
        try
        {
            return parseResult(text);
        }
        catch (Exception e) when (e is JsonException or XmlException or FormatException or InvalidOperationException)
        {
            throw new AwsServiceException("InvalidResponse", $"{operation}: the response could not be decoded ({e.Message}).",
                response.StatusCode, HeaderValue(response, "x-amzn-RequestId"), null, _service.ServiceName, e)
            { Operation = operation };
        }
    }

    private AwsServiceException NetworkFault(string code, string message, string operation, int attempt, Exception inner) =>
        new(code, $"{_service.ServiceName} {operation}: {message}", 0, null, null, _service.ServiceName, inner)
        {
            Operation = operation,
            Attempts = attempt,
        };

    private static string? HeaderValue(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private Transport CreateTransport()
    {
        var credentials = ResolveCredentials();
        var inner = _config.HttpMessageHandler ?? new SocketsHttpHandler { AllowAutoRedirect = false };
        var signer = new SigV4SigningHandler(credentials, RegionEndpoint.GetBySystemName(Endpoint.SigningRegion), Endpoint.SigningName, inner);
        // An injected handler belongs to the caller (it may be shared by several clients): never dispose it.
        var client = new HttpClient(signer, disposeHandler: _config.HttpMessageHandler is null) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        return new Transport(client);
    }

    private AWSCredentials ResolveCredentials()
    {
        if (_config.CredentialsProvider is { } provider)
        {
            return provider;
        }
        if (_config.Credentials is { } c)
        {
            return c.UseToken ? new SessionAWSCredentials(c.AccessKey, c.SecretKey, c.Token) : new BasicAWSCredentials(c.AccessKey, c.SecretKey);
        }
        try
        {
            return DefaultAWSCredentialsIdentityResolver.GetCredentials(null);
        }
        catch (AmazonClientException e)
        {
            throw new InvalidOperationException(
                "No AWS credentials: set AwsClientConfig.Credentials, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE.", e);
        }
    }

    private sealed record Transport(HttpClient Client);
}

/// <summary>An operation name and whether repeating it has the same effect (then it may be retried).</summary>
public sealed record AwsOperation(string Name, bool Idempotent);
