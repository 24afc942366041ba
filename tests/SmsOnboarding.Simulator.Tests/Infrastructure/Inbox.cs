using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SmsOnboarding.Simulator.Tests.Infrastructure;

internal static class Inbox
{
    /// <summary>Reads a phone's inbox through the HTTP endpoint, as a person (or the web UI) would.</summary>
    public static async Task<JsonArray> ReadAsync(Uri baseUri, string phone)
    {
        using var http = new HttpClient { BaseAddress = baseUri };
        return await http.GetFromJsonAsync<JsonArray>($"sim/phones/{Uri.EscapeDataString(phone)}/messages") ?? [];
    }

    public static async Task<string> LatestOtpAsync(Uri baseUri, string phone)
    {
        var messages = await ReadAsync(baseUri, phone);
        var body = messages[^1]!["body"]!.GetValue<string>();
        return System.Text.RegularExpressions.Regex.Match(body, "[0-9]{6}").Value;
    }
}
