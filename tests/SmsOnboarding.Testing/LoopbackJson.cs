using System.Text;
using System.Text.Json.Nodes;

namespace SmsOnboarding.Testing;

/// <summary>One JSON request to a host under test on loopback: the status code and the parsed body (null when empty).</summary>
public static class LoopbackJson
{
    public static async Task<(int Status, JsonNode? Body)> SendAsync(HttpClient client, HttpMethod method, string path, JsonNode? body = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var message = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            message.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }
        using var response = await client.SendAsync(message).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        return ((int)response.StatusCode, string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text));
    }
}
