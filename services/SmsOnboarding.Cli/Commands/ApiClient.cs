using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmsOnboarding.Cli.Commands;

/// <summary>A refusal or fault of the HTTP API, as one line for stderr.</summary>
internal class ApiCallException(string message) : Exception(message);

/// <summary>The API refused a request for what it holds: each problem is printed on its own line (exit 2).</summary>
internal sealed class ProblemsException(JsonArray problems)
    : ApiCallException($"the request has {problems.Count} problem{(problems.Count == 1 ? "" : "s")}:")
{
    public JsonArray Problems { get; } = problems;
}

/// <summary>Talks to a running <c>smsonboard serve</c> (or a remote API): bearer token from SMSONBOARD_TOKEN.</summary>
internal sealed class ApiClient : IDisposable
{
    public const string TokenVariable = "SMSONBOARD_TOKEN";
    private readonly HttpClient _http;

    public ApiClient(string endpoint)
    {
        if (BaseUri(endpoint) is not { } baseUri)
        {
            throw new ApiCallException($"--endpoint '{endpoint}' is not an http(s) URL");
        }
        _http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        var token = Environment.GetEnvironmentVariable(TokenVariable);
        if (!string.IsNullOrWhiteSpace(token))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        }
    }

    public static Option<string> EndpointOption()
    {
        var option = new Option<string>("--endpoint")
        {
            Description = "API base URL (default: $SMSONBOARD_ENDPOINT or http://127.0.0.1:8080)",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("SMSONBOARD_ENDPOINT") ?? "http://127.0.0.1:8080",
        };
        // A malformed URL is a usage error (exit 2), found while parsing rather than when the call is made.
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } value && BaseUri(value) is null)
            {
                result.AddError($"--endpoint '{value}' is not an http(s) URL");
            }
        });
        return option;
    }

    private static Uri? BaseUri(string endpoint) =>
        Uri.TryCreate(endpoint.TrimEnd('/') + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    public Task<JsonNode?> GetAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Get, path, null, ct);

    public Task<JsonNode?> PostAsync(string path, JsonNode? body, CancellationToken ct) => SendAsync(HttpMethod.Post, path, body ?? new JsonObject(), ct);

    public async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new ApiCallException($"cannot reach {_http.BaseAddress}: {e.Message} (is `smsonboard serve` running?)");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new ApiCallException($"{_http.BaseAddress} did not answer within 30 seconds");
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            JsonNode? json = null;
            try
            {
                json = string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                // Not JSON (a proxy's error page): reported below by status.
            }
            if (response.IsSuccessStatusCode)
            {
                return json;
            }
            if (json?["problems"] is JsonArray problems && problems.Count > 0)
            {
                throw new ProblemsException(problems);
            }
            var message = (string?)json?["message"] ?? $"{(int)response.StatusCode} {response.ReasonPhrase}";
            if ((int)response.StatusCode == 401 && Environment.GetEnvironmentVariable(TokenVariable) is null)
            {
                message += $" (set {TokenVariable})";
            }
            throw new ApiCallException(message);
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Runs an API command: JSON or a table on stdout, one error line on stderr with exit code 1.</summary>
    public static Task<int> RunAsync(ParseResult parse, Option<string> endpoint, Func<ApiClient, TextWriter, CancellationToken, Task> body, CancellationToken ct) =>
        RunAsync(parse, endpoint, async (client, output, token) =>
        {
            await body(client, output, token).ConfigureAwait(false);
            return ExitCodes.Ok;
        }, ct);

    /// <summary>
    /// Runs an API command whose body chooses its exit code; a refusal is one error line on stderr (exit 1),
    /// a refused request one line per problem after it (exit 2, as <c>validate</c>).
    /// </summary>
    public static async Task<int> RunAsync(ParseResult parse, Option<string> endpoint, Func<ApiClient, TextWriter, CancellationToken, Task<int>> body, CancellationToken ct)
    {
        var error = parse.InvocationConfiguration.Error;
        try
        {
            using var client = new ApiClient(parse.GetValue(endpoint)!);
            return await body(client, parse.InvocationConfiguration.Output, ct).ConfigureAwait(false);
        }
        catch (ProblemsException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            WriteProblems(error, e.Problems);
            return ExitCodes.InvalidInput;
        }
        catch (ApiCallException e)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return ExitCodes.Failure;
        }
    }

    public static void WriteProblems(TextWriter output, JsonArray problems)
    {
        foreach (var problem in problems)
        {
            output.WriteLine($"  {RequestFlags.Describe(S(problem?["field"]))}: {S(problem?["message"])}");
        }
    }

    public static void WriteJson(TextWriter output, JsonNode? node) =>
        output.WriteLine(node?.ToJsonString(new JsonSerializerOptions(CliJson.Indented)) ?? "null");

    public static string S(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };
}
