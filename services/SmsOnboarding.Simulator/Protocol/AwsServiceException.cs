using System.Text.Json.Nodes;

namespace SmsOnboarding.Simulator.Protocol;

/// <summary>An error the simulated service answers with; rendered per protocol (awsQuery XML or awsJson).</summary>
public sealed class AwsServiceException(string code, string message, int statusCode = 400, JsonObject? extra = null)
    : Exception(message)
{
    public string Code { get; } = code;
    public int StatusCode { get; } = statusCode;

    /// <summary>Extra modeled members (e.g. SMS Voice v2 <c>Reason</c>, SNS VerificationException <c>Status</c>).</summary>
    public JsonObject? Extra { get; } = extra;

    public bool IsSenderFault => StatusCode < 500;
}
