using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SmsOnboarding.Api.Auth;
using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Api.Tasks;
using SmsOnboarding.Steps.HumanTasks;

namespace SmsOnboarding.Serve.Hosting;

/// <summary>
/// The API's authorization in front of the engine's Step Functions endpoint: the caller is the user whose access key
/// signed the request, and each operation is judged as the API judges the same act on the onboarding the execution
/// (its name is the onboarding id) or the task token belongs to. Refusals are Step Functions' AccessDeniedException.
/// Answers that would show a caller more than the API would (history with tokens and codes, other people's
/// executions) are cut down to what the API shows them.
/// </summary>
internal static class StepFunctionsGate
{
    private const string TargetPrefix = "AWSStepFunctions.";

    private static readonly HashSet<string> OpenReads = new(StringComparer.Ordinal)
    {
        "DescribeStateMachine", "ListStateMachines", "DescribeActivity", "ListActivities", "ListExecutions",
    };

    private static readonly Dictionary<string, OnboardingOperation> ExecutionOperations = new(StringComparer.Ordinal)
    {
        ["DescribeExecution"] = OnboardingOperation.Read,
        ["GetExecutionHistory"] = OnboardingOperation.Read,
        ["DescribeStateMachineForExecution"] = OnboardingOperation.Read,
        ["StopExecution"] = OnboardingOperation.Cancel,
        ["RedriveExecution"] = OnboardingOperation.Redrive,
    };

    private static readonly HashSet<string> Callbacks = new(StringComparer.Ordinal) { "SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat" };

    public static async Task HandleAsync(HttpContext context, ApiUser caller, RequestDelegate engine)
    {
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        if (!target.StartsWith(TargetPrefix, StringComparison.Ordinal))
        {
            await engine(context).ConfigureAwait(false);
            return;
        }
        var operation = target[TargetPrefix.Length..];
        var body = await ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        var authorizer = context.RequestServices.GetRequiredService<OnboardingAuthorizer>();
        var (refusal, onboarding) = await JudgeAsync(context.RequestServices, authorizer, caller, operation, body, context.RequestAborted).ConfigureAwait(false);
        if (refusal is not null)
        {
            await AwsJsonErrors.WriteAsync(context, 400, "AccessDeniedException",
                $"User: {caller.Name} is not authorized to perform: states:{operation} ({refusal})").ConfigureAwait(false);
            return;
        }
        if (operation == "GetExecutionHistory" && onboarding is not null
            && !await authorizer.AllowsAsync(caller, OnboardingOperation.SeeSecrets, onboarding.Parties()).ConfigureAwait(false))
        {
            await RewriteAnswerAsync(context, engine, answer => Task.FromResult(SecretRedaction.Redact(answer))).ConfigureAwait(false);
            return;
        }
        if (operation == "ListExecutions" && !await authorizer.AllowsAsync(caller, Policies.ReadsEveryOnboarding).ConfigureAwait(false))
        {
            var store = context.RequestServices.GetRequiredService<IOnboardingStore>();
            await RewriteAnswerAsync(context, engine, answer => KeepOwnExecutions(answer, caller, store, authorizer, context.RequestAborted)).ConfigureAwait(false);
            return;
        }
        await engine(context).ConfigureAwait(false);
    }

    private static async Task<(string? Refusal, OnboardingRecord? Onboarding)> JudgeAsync(IServiceProvider services, OnboardingAuthorizer authorizer,
        ApiUser caller, string operation, JsonNode? body, CancellationToken cancellationToken)
    {
        if (OpenReads.Contains(operation))
        {
            return (null, null);
        }
        var store = services.GetRequiredService<IOnboardingStore>();
        OnboardingOperation requirement;
        OnboardingRecord? onboarding;
        if (ExecutionOperations.TryGetValue(operation, out var executionOperation))
        {
            requirement = executionOperation;
            onboarding = OnboardingIdOf(Text(body, "executionArn")) is { } id ? await store.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
        }
        else if (Callbacks.Contains(operation))
        {
            requirement = OnboardingOperation.Callback;
            var token = Text(body, "taskToken");
            var task = string.IsNullOrEmpty(token) ? null
                : await services.GetRequiredService<ITaskDesk>().FindAsync(TaskTokens.Id(token), cancellationToken).ConfigureAwait(false);
            onboarding = task is null ? null : await store.GetAsync(task.OnboardingId, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Starting executions outside the API, state machines and activities: the engine's operators only.
            return (await authorizer.RefusalAsync(caller, Policies.Ops).ConfigureAwait(false), null);
        }
        if (onboarding is null)
        {
            // Nothing ties the execution or token to an onboarding a person could be judged on: ops only (the engine
            // then answers ExecutionDoesNotExist, InvalidToken and the like in its own words).
            return (await authorizer.RefusalAsync(caller, Policies.Ops).ConfigureAwait(false), null);
        }
        return (await authorizer.RefusalAsync(caller, requirement, onboarding.Parties()).ConfigureAwait(false), onboarding);
    }

    private static async Task<JsonNode?> KeepOwnExecutions(JsonNode answer, ApiUser caller, IOnboardingStore store, OnboardingAuthorizer authorizer, CancellationToken cancellationToken)
    {
        if (answer["executions"] is not JsonArray executions)
        {
            return answer;
        }
        var kept = new JsonArray();
        foreach (var execution in executions.ToList())
        {
            var record = OnboardingIdOf(Text(execution, "executionArn")) is { } id ? await store.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
            if (record is not null && await authorizer.AllowsAsync(caller, OnboardingOperation.Read, record.Parties()).ConfigureAwait(false))
            {
                kept.Add(execution!.DeepClone());
            }
        }
        answer["executions"] = kept;
        return answer;
    }

    /// <summary>Runs the engine into a buffer and sends its successful answer rewritten; errors pass through unchanged.</summary>
    private static async Task RewriteAnswerAsync(HttpContext context, RequestDelegate engine, Func<JsonNode, Task<JsonNode?>> rewrite)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await engine(context).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = original;
        }
        buffer.Position = 0;
        if (context.Response.StatusCode != StatusCodes.Status200OK)
        {
            await buffer.CopyToAsync(original, context.RequestAborted).ConfigureAwait(false);
            return;
        }
        var answer = await JsonNode.ParseAsync(buffer, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        var rewritten = answer is null ? null : await rewrite(answer).ConfigureAwait(false);
        context.Response.ContentLength = null;
        await context.Response.WriteAsync(rewritten?.ToJsonString() ?? "{}", context.RequestAborted).ConfigureAwait(false);
    }

    // arn:aws:states:REGION:ACCOUNT:execution:STATE_MACHINE:NAME; the execution name is the onboarding id.
    private static string? OnboardingIdOf(string? executionArn)
    {
        var parts = executionArn?.Split(':');
        return parts is { Length: 8 } && parts[5] == "execution" && parts[7].Length > 0 ? parts[7] : null;
    }

    private static string? Text(JsonNode? node, string name) =>
        node is JsonObject o && o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static async Task<JsonNode?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.Body.Position = 0;
        try
        {
            return await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            // The engine's endpoint answers malformed bodies itself (SerializationException).
            return null;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }
}
