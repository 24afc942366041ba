using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SmsOnboarding.Api.Auth;

namespace SmsOnboarding.Api.Http;

/// <summary>Reads a request body as JSON, answering a specific 400 when it is not.</summary>
public static class JsonBody
{
    public static async Task<(JsonNode? Body, IResult? Error)> ReadAsync(HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            return (await JsonNode.ParseAsync(http.Request.Body, cancellationToken: ct).ConfigureAwait(false), null);
        }
        catch (JsonException e)
        {
            return (null, ApiResults.Error(400, "invalidJson", $"The body is not valid JSON: {e.Message}"));
        }
    }
}
