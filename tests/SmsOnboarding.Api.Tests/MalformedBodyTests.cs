using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using SmsOnboarding.Api.Tests.Support;

namespace SmsOnboarding.Api.Tests;

/// <summary>
/// Bodies that are not well-formed JSON text (issue 15's findings, each once a 500 with an empty body): every
/// one is a 4xx whose problem JSON names what is wrong, and nothing is stored or started.
/// </summary>
public sealed class MalformedBodyTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Duplicate_keys_are_400_naming_the_key()
    {
        var (status, body) = await PostAsync(ApiServer.Alice, "api/onboardings", "{\"a\":1,\"a\":2}"u8.ToArray());

        Assert.Equal(400, status);
        Assert.Equal("duplicateKey", (string?)body!["error"]);
        Assert.Contains("'a'", (string?)body["message"], StringComparison.Ordinal);
        Assert.Equal(0, _server.Runtime.Starts);
    }

    [Fact]
    public async Task A_duplicate_key_inside_a_valid_request_is_400_not_the_last_value_silently()
    {
        var text = ApiServer.Request("dup-key").ToJsonString().Replace("\"team\":\"checkout\"", "\"team\":\"checkout\",\"team\":\"payments\"", StringComparison.Ordinal);

        var (status, body) = await PostAsync(ApiServer.Alice, "api/onboardings", Encoding.UTF8.GetBytes(text));

        Assert.Equal(400, status);
        Assert.Equal("duplicateKey", (string?)body!["error"]);
        Assert.Contains("$.team", (string?)body["message"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api/onboardings?dryRun=true", "{\"team\":\"\\ud83d\"}", "$.team")]
    [InlineData("api/onboardings/validate", "{\"countries\":[\"US\",\"\\udc00x\"]}", "$.countries[1]")]
    [InlineData("api/onboardings", "{\"\\ud83d\":1}", "$")]
    public async Task A_lone_surrogate_escape_is_400_naming_where_it_is(string path, string json, string where)
    {
        var (status, body) = await PostAsync(ApiServer.Alice, path, Encoding.UTF8.GetBytes(json));

        Assert.Equal(400, status);
        Assert.Equal("invalidText", (string?)body!["error"]);
        Assert.Contains(where, (string?)body["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_to_validate_is_400_naming_the_byte()
    {
        byte[] bytes = [.. "{\"team\":\"ab"u8, 0xC3, 0x28, .. "\"}"u8];

        var (status, body) = await PostAsync(ApiServer.Alice, "api/onboardings/validate", bytes);

        Assert.Equal(400, status);
        Assert.Equal("invalidUtf8", (string?)body!["error"]);
        Assert.Contains("byte 11", (string?)body["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_or_a_lone_surrogate_in_a_task_answer_is_400_and_the_task_stays_pending()
    {
        var task = await _server.AddTaskAsync(await _server.SubmitAsync(ApiServer.Request()));

        var (utf8, utf8Body) = await PostAsync(ApiServer.Bob, $"api/tasks/{task.Id}/complete", [.. "{\"code\":\"12"u8, 0xFF, .. "\"}"u8]);
        var (surrogate, surrogateBody) = await PostAsync(ApiServer.Bob, $"api/tasks/{task.Id}/complete", "{\"code\":\"\\ud800\"}"u8.ToArray());

        Assert.Equal((400, "invalidUtf8"), (utf8, (string?)utf8Body!["error"]));
        Assert.Equal((400, "invalidText"), (surrogate, (string?)surrogateBody!["error"]));
        Assert.Empty(_server.Callbacks.Successes);
        Assert.NotNull(await _server.Inbox.FindAsync(task.Id));
    }

    [Theory]
    [InlineData("{\"reason\":42}", "a number")]
    [InlineData("{\"reason\":[\"no\"]}", "an array")]
    [InlineData("{\"reason\":{\"why\":\"no\"}}", "an object")]
    [InlineData("[\"no\"]", "an array")]
    public async Task A_reason_that_is_not_a_string_is_400_naming_its_kind(string json, string kind)
    {
        var task = await _server.AddTaskAsync(await _server.SubmitAsync(ApiServer.Request()));

        var (status, body) = await PostAsync(ApiServer.Bob, $"api/tasks/{task.Id}/reject", Encoding.UTF8.GetBytes(json));

        Assert.Equal(400, status);
        Assert.Equal("invalidInput", (string?)body!["error"]);
        Assert.Contains(kind, (string?)body["message"], StringComparison.Ordinal);
        Assert.Empty(_server.Callbacks.Failures);
    }

    [Fact]
    public async Task A_reason_with_a_control_character_is_400()
    {
        var task = await _server.AddTaskAsync(await _server.SubmitAsync(ApiServer.Request()));

        var (status, body) = await PostAsync(ApiServer.Bob, $"api/tasks/{task.Id}/reject", "{\"reason\":\"spam\\u0000 \\u202Eoops\"}"u8.ToArray());

        Assert.Equal(400, status);
        Assert.Contains("control character", (string?)body!["message"], StringComparison.Ordinal);
        Assert.Empty(_server.Callbacks.Failures);
    }

    [Theory]
    [InlineData("api/onboardings")]
    [InlineData("api/onboardings/validate")]
    [InlineData("api/onboardings/onb-000000000000/cancel")]
    [InlineData("api/tasks/abc/complete")]
    public async Task Ten_megabytes_of_whitespace_around_a_valid_body_is_413(string path)
    {
        var padding = new string(' ', 5 * 1024 * 1024);
        var bytes = Encoding.UTF8.GetBytes(padding + ApiServer.Request("big").ToJsonString() + padding);

        var (status, body) = await PostAsync(ApiServer.Olivia, path, bytes);

        Assert.Equal(413, status);
        Assert.Equal("tooLarge", (string?)body!["error"]);
        Assert.Contains("256 KiB", (string?)body["message"], StringComparison.Ordinal);
        Assert.Equal(0, _server.Runtime.Starts);
    }

    [Fact]
    public async Task A_chunked_body_without_a_length_is_cut_off_at_the_limit_too()
    {
        // HttpClient gives up on the request when the server answers before the body is sent; a socket does not.
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(_server.Host.BaseUri.Host, _server.Host.BaseUri.Port);
        var stream = socket.GetStream();
        var head = $"POST /api/onboardings/validate HTTP/1.1\r\nHost: {_server.Host.BaseUri.Authority}\r\nAuthorization: Bearer {ApiServer.Alice}\r\n" +
            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        // Read while writing: once the server closes, a reset may drop what was received but not yet read.
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var answer = reader.ReadLineAsync();
        var chunk = Encoding.ASCII.GetBytes($"10000\r\n{new string(' ', 0x10000)}\r\n");
        try
        {
            for (var sent = 0; sent < 64 && !answer.IsCompleted; sent++)
            {
                await stream.WriteAsync(chunk);
            }
        }
        catch (IOException)
        {
            // The server stopped reading at the limit and closed the connection.
        }

        var statusLine = await answer;
        Assert.StartsWith("HTTP/1.1 413", statusLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_request_says_what_to_fix_in_words_a_cli_user_sees()
    {
        var (status, body) = await PostAsync(ApiServer.Alice, "api/onboardings", "{}"u8.ToArray());

        Assert.Equal(400, status);
        var message = (string?)body!["message"];
        Assert.DoesNotContain("'problems'", message, StringComparison.Ordinal);
        Assert.Contains("problems", message, StringComparison.Ordinal);
        Assert.NotEmpty(body["problems"]!.AsArray());
    }

    private async Task<(int Status, JsonNode? Body)> PostAsync(string token, string path, byte[] bytes)
    {
        using var client = _server.Client(token);
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await client.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrEmpty(text), $"{path} answered {(int)response.StatusCode} with an empty body");
        return ((int)response.StatusCode, JsonNode.Parse(text));
    }
}
