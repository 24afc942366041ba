using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SmsOnboarding.Serve.Hosting;

/// <summary>An awsJson 1.0 error answer, as Step Functions sends it: <c>{"__type": code, "message": ...}</c>.</summary>
internal static class AwsJsonErrors
{
    public static Task WriteAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.0";
        context.Response.Headers["x-amzn-ErrorType"] = code;
        return context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = code, ["message"] = message }));
    }
}
