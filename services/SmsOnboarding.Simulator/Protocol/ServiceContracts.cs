using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace SmsOnboarding.Simulator.Protocol;

/// <summary>One request: <see cref="Caller"/> is who it acts as (null only for requests made in process, e.g. tests).</summary>
internal sealed record RequestContext(SimulatedAccount Account, string Region, DateTimeOffset Now, string RequestId, Iam.Identity? Caller = null);

/// <summary>
/// How a service names the errors the simulator injects or reports for every operation.
/// <c>InvalidInputCode</c> is the service's modeled error for a parameter it cannot read.
/// </summary>
internal sealed record CommonErrors(string ThrottleCode, int ThrottleStatus, string ServerErrorCode, string UnknownOperationCode, string InvalidInputCode);

internal interface ISimulatedService
{
    string SigningName { get; }
    CommonErrors Errors { get; }
}

/// <summary>awsJson 1.0/1.1: <c>X-Amz-Target: Prefix.Operation</c>, JSON in and out.</summary>
internal interface IJsonService : ISimulatedService
{
    string TargetPrefix { get; }
    string JsonVersion { get; }
    JsonObject Handle(string operation, JsonObject input, RequestContext context);
}

/// <summary>awsQuery: form-encoded <c>Action=...</c> in, XML out.</summary>
internal interface IQueryService : ISimulatedService
{
    Xml Xml { get; }
    XElement Handle(QueryRequest request, RequestContext context);
}
