using System.Buffers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SmsOnboarding.Api.Auth;
using SmsOnboarding.Domain.Requests;

namespace SmsOnboarding.Api.Http;

/// <summary>
/// Reads a request body as strict JSON (<see cref="StrictJson"/>), at most <see cref="MaxBytes"/> of it: a body that
/// is not gets a 400 naming what is wrong, one that is longer a 413, and neither is ever read in full.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = OnboardingRequestValidator.MaxDocumentBytes;

    public static async Task<(JsonNode? Body, IResult? Error)> ReadAsync(HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        var bytes = await ReadBoundedAsync(http.Request.Body, ct).ConfigureAwait(false);
        if (bytes is null)
        {
            return (null, TooLarge());
        }
        var (node, problem) = StrictJson.Parse(bytes);
        return problem is null ? (node, null) : (null, ApiResults.Error(StatusCodes.Status400BadRequest, problem.Code, problem.Message, [problem]));
    }

    public static IResult TooLarge() => ApiResults.Error(StatusCodes.Status413PayloadTooLarge, ProblemCodes.TooLarge,
        $"The body is larger than {MaxBytes / 1024} KiB, the limit of every API call.");

    /// <summary>Null when the body goes on past the limit: reading stops there, whatever the body says its length is.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxBytes + 1);
        try
        {
            var length = 0;
            int read;
            while (length <= MaxBytes && (read = await body.ReadAsync(buffer.AsMemory(length, MaxBytes + 1 - length), ct).ConfigureAwait(false)) > 0)
            {
                length += read;
            }
            return length > MaxBytes ? null : buffer[..length];
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's own limit (set by RequestSizeLimit) tripped first.
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
