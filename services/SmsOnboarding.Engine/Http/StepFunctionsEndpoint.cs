using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using SmsOnboarding.Aws.StepFunctions.Model;

namespace SmsOnboarding.Engine.Http;

/// <summary>
/// Step Functions' awsJson1_0 wire protocol over the engine: POST with <c>X-Amz-Target: AWSStepFunctions.&lt;Op&gt;</c>,
/// JSON bodies, errors as <c>{"__type": code, "message": ...}</c>. Route SigV4 service <c>states</c> here.
/// Signatures are not verified (the serve host or simulator does that when it matters).
/// </summary>
public sealed class StepFunctionsEndpoint
{
    private const string ContentType = "application/x-amz-json-1.0";
    private readonly StepFunctionsEngine _engine;
    private readonly Dictionary<string, Func<HttpContext, Task>> _operations;

    public StepFunctionsEndpoint(StepFunctionsEngine engine)
    {
        _engine = engine;
        var c = StepFunctionsJsonContext.Default;
        _operations = new(StringComparer.Ordinal)
        {
            ["CreateStateMachine"] = Op(c.CreateStateMachineRequest, c.CreateStateMachineResponse, _engine.CreateStateMachineAsync),
            ["UpdateStateMachine"] = Op(c.UpdateStateMachineRequest, c.UpdateStateMachineResponse, _engine.UpdateStateMachineAsync),
            ["DescribeStateMachine"] = Op(c.DescribeStateMachineRequest, c.DescribeStateMachineResponse, _engine.DescribeStateMachineAsync),
            ["ListStateMachines"] = Op(c.ListStateMachinesRequest, c.ListStateMachinesResponse, _engine.ListStateMachinesAsync),
            ["DeleteStateMachine"] = Op(c.DeleteStateMachineRequest, c.DeleteStateMachineResponse, _engine.DeleteStateMachineAsync),
            ["StartExecution"] = Op(c.StartExecutionRequest, c.StartExecutionResponse, _engine.StartExecutionAsync),
            ["DescribeExecution"] = Op(c.DescribeExecutionRequest, c.DescribeExecutionResponse, _engine.DescribeExecutionAsync),
            ["ListExecutions"] = Op(c.ListExecutionsRequest, c.ListExecutionsResponse, _engine.ListExecutionsAsync),
            ["GetExecutionHistory"] = Op(c.GetExecutionHistoryRequest, c.GetExecutionHistoryResponse, _engine.GetExecutionHistoryAsync),
            ["StopExecution"] = Op(c.StopExecutionRequest, c.StopExecutionResponse, _engine.StopExecutionAsync),
            ["RedriveExecution"] = Op(c.RedriveExecutionRequest, c.RedriveExecutionResponse, _engine.RedriveExecutionAsync),
            ["SendTaskSuccess"] = Op(c.SendTaskSuccessRequest, c.SendTaskSuccessResponse, _engine.SendTaskSuccessAsync),
            ["SendTaskFailure"] = Op(c.SendTaskFailureRequest, c.SendTaskFailureResponse, _engine.SendTaskFailureAsync),
            ["SendTaskHeartbeat"] = Op(c.SendTaskHeartbeatRequest, c.SendTaskHeartbeatResponse, _engine.SendTaskHeartbeatAsync),
            ["CreateActivity"] = Op(c.CreateActivityRequest, c.CreateActivityResponse, _engine.CreateActivityAsync),
            ["DescribeActivity"] = Op(c.DescribeActivityRequest, c.DescribeActivityResponse, _engine.DescribeActivityAsync),
            ["ListActivities"] = Op(c.ListActivitiesRequest, c.ListActivitiesResponse, _engine.ListActivitiesAsync),
            ["DeleteActivity"] = Op(c.DeleteActivityRequest, c.DeleteActivityResponse, _engine.DeleteActivityAsync),
            ["GetActivityTask"] = Op(c.GetActivityTaskRequest, c.GetActivityTaskResponse, _engine.GetActivityTaskAsync),
            ["DescribeStateMachineForExecution"] = Op(c.DescribeStateMachineForExecutionRequest, c.DescribeStateMachineForExecutionResponse, _engine.DescribeStateMachineForExecutionAsync),
        };
    }

    /// <summary>Operation names this endpoint serves.</summary>
    public IReadOnlyCollection<string> Operations => _operations.Keys;

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        const string prefix = "AWSStepFunctions.";
        if (!HttpMethods.IsPost(context.Request.Method) || !target.StartsWith(prefix, StringComparison.Ordinal))
        {
            await WriteErrorAsync(context, new StepFunctionsException("UnknownOperationException", "Expected POST with X-Amz-Target: AWSStepFunctions.<Operation>.")).ConfigureAwait(false);
            return;
        }
        if (!_operations.TryGetValue(target[prefix.Length..], out var operation))
        {
            await WriteErrorAsync(context, new StepFunctionsException("UnknownOperationException", $"Operation {target[prefix.Length..]} is not supported by the embedded engine.")).ConfigureAwait(false);
            return;
        }
        try
        {
            await operation(context).ConfigureAwait(false);
        }
        catch (StepFunctionsException e)
        {
            await WriteErrorAsync(context, e).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            await WriteErrorAsync(context, new StepFunctionsException("SerializationException", $"The request body is not valid JSON for this operation: {e.Message}")).ConfigureAwait(false);
        }
    }

    private static Func<HttpContext, Task> Op<TRequest, TResponse>(JsonTypeInfo<TRequest> request, JsonTypeInfo<TResponse> response,
        Func<TRequest, CancellationToken, Task<TResponse>> call)
        where TRequest : class, new() =>
        async context =>
        {
            var body = context.Request.ContentLength == 0
                ? new TRequest()
                : await JsonSerializer.DeserializeAsync(context.Request.Body, request, context.RequestAborted).ConfigureAwait(false) ?? new TRequest();
            var result = await call(body, context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = ContentType;
            await JsonSerializer.SerializeAsync(context.Response.Body, result, response, context.RequestAborted).ConfigureAwait(false);
        };

    private static async Task WriteErrorAsync(HttpContext context, StepFunctionsException error)
    {
        context.Response.StatusCode = error.StatusCode;
        context.Response.ContentType = ContentType;
        context.Response.Headers["x-amzn-ErrorType"] = error.ErrorCode;
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("__type", error.ErrorCode);
        writer.WriteString("message", error.Message);
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
