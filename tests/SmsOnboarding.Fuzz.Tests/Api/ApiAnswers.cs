using System.Text.Json;
using System.Text.Json.Nodes;
using SmsOnboarding.Fuzz.Tests.Infrastructure;

namespace SmsOnboarding.Fuzz.Tests.Api;

/// <summary>What every answer of the API must be: below 500, and a refusal in the API's problem shape.</summary>
internal static class ApiAnswers
{
    public static async Task<(int Status, string Body)> SendAsync(ServedApi api, Findings findings, string? token, HttpMethod method, string path, MutatedBody? body)
    {
        findings.Tried1();
        var label = $"{method} {path} as {token ?? "nobody"} {body}";
        try
        {
            var (status, answer) = await api.SendAsync(token, method, path, body?.Bytes);
            if (status >= 500)
            {
                findings.Add(label, $"HTTP {status}: {Findings.Escape(answer)}"); File.AppendAllText("/tmp/robust-500.txt", label + "\n");
            }
            else if (status >= 400 && !IsProblem(answer))
            {
                findings.Add(label, $"HTTP {status} without {{\"error\", \"message\"}}: {Findings.Escape(answer)}");
            }
            return (status, answer);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            findings.Add(label, $"no answer: {e.Message}");
            return (0, "");
        }
    }

    public static bool IsProblem(string? body)
    {
        try
        {
            return body is not null && JsonNode.Parse(body) is JsonObject problem
                && problem["error"] is JsonValue error && error.GetValueKind() == JsonValueKind.String
                && problem["message"] is JsonValue message && message.GetValueKind() == JsonValueKind.String;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
