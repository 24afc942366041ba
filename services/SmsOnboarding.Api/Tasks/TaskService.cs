using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SmsOnboarding.Api.Auth;
using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Domain.Requests;

namespace SmsOnboarding.Api.Tasks;

public sealed record TaskView(
    string Id, string Kind, string OnboardingId, string? Pool, string? Requester, string? MaskedPhone,
    string Prompt, DateTimeOffset ExpiresAt, bool CanComplete);

public sealed record TaskAnswer(string Id, string Result, string Message);

/// <summary>
/// The approver inbox with the product's rules: only approvers complete or reject, never on their own
/// request, and only when the request names them as an approver (or names none).
/// </summary>
public sealed class TaskService(ITaskDesk desk, OnboardingService onboardings, OnboardingAuthorizer authorizer, ILogger<TaskService> logger)
{
    public async Task<IReadOnlyList<TaskView>> ListAsync(ApiUser caller, CancellationToken cancellationToken)
    {
        var views = new List<TaskView>();
        foreach (var task in await desk.PendingAsync(cancellationToken).ConfigureAwait(false))
        {
            var record = await onboardings.RecordAsync(task.OnboardingId, cancellationToken).ConfigureAwait(false);
            var canComplete = await RefusalAsync(caller, record).ConfigureAwait(false) is null;
            var visible = record is null
                ? await authorizer.AllowsAsync(caller, Policies.Ops).ConfigureAwait(false)
                : await authorizer.AllowsAsync(caller, OnboardingOperation.ViewTasks, record.Parties()).ConfigureAwait(false);
            if (visible)
            {
                views.Add(new TaskView(task.Id, task.Kind, task.OnboardingId, record?.Pool, record?.Requester, task.MaskedPhone,
                    task.Prompt, task.ExpiresAt, canComplete));
            }
        }
        return views;
    }

    public async Task<Outcome<TaskAnswer>> CompleteAsync(ApiUser caller, string taskId, JsonObject? body, CancellationToken cancellationToken)
    {
        var (task, refusal) = await AuthorizeAsync(caller, taskId, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        // The desk validates the answer for the task's kind before it claims the token.
        var input = body ?? [];
        var outcome = await desk.CompleteAsync(taskId, input, caller.Name, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Task {TaskId} ({Kind}) of {OnboardingId} completed by {Actor}: {Outcome}", taskId, task!.Kind, task.OnboardingId, caller.Name, outcome.Kind);
        return Map(taskId, "completed", outcome);
    }

    public async Task<Outcome<TaskAnswer>> RejectAsync(ApiUser caller, string taskId, JsonObject? body, CancellationToken cancellationToken)
    {
        var (task, refusal) = await AuthorizeAsync(caller, taskId, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }
        var reason = body?["reason"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
        if (string.IsNullOrWhiteSpace(reason))
        {
            var got = body?["reason"] is { } other && reason is null ? $", not {JsonKinds.Describe(other)}" : "";
            return Outcome<TaskAnswer>.Fail(400, "invalidInput", $"Rejecting needs {{\"reason\": \"...\"}}, a string{got}: say why, it is recorded in the history.");
        }
        var outcome = await desk.RejectAsync(taskId, reason, caller.Name, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Task {TaskId} ({Kind}) of {OnboardingId} rejected by {Actor}", taskId, task!.Kind, task.OnboardingId, caller.Name);
        return Map(taskId, "rejected", outcome);
    }

    private async Task<(PendingTask? Task, Outcome<TaskAnswer>? Refusal)> AuthorizeAsync(ApiUser caller, string taskId, CancellationToken cancellationToken)
    {
        var task = await desk.FindAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            return (null, Outcome<TaskAnswer>.Fail(404, "notFound", $"There is no pending task '{taskId}' (it may be done or expired)."));
        }
        var record = await onboardings.RecordAsync(task.OnboardingId, cancellationToken).ConfigureAwait(false);
        var refusal = await RefusalAsync(caller, record).ConfigureAwait(false);
        return refusal is null ? (task, null) : (task, Outcome<TaskAnswer>.Fail(403, "forbidden", refusal));
    }

    private async Task<string?> RefusalAsync(ApiUser caller, OnboardingRecord? record) =>
        record is null
            ? "The task belongs to an onboarding this API does not know."
            : await authorizer.RefusalAsync(caller, OnboardingOperation.Approve, record.Parties()).ConfigureAwait(false);

    private static Outcome<TaskAnswer> Map(string taskId, string verb, TaskOutcome outcome) => outcome.Kind switch
    {
        TaskOutcomeKind.Done => Outcome<TaskAnswer>.Success(new TaskAnswer(taskId, verb, outcome.Message)),
        TaskOutcomeKind.InvalidInput => Outcome<TaskAnswer>.Fail(400, "invalidInput", outcome.Message),
        TaskOutcomeKind.AlreadyClosed => Outcome<TaskAnswer>.Fail(409, "taskClosed", outcome.Message),
        TaskOutcomeKind.Unavailable => Outcome<TaskAnswer>.Fail(503, "engineUnavailable", outcome.Message),
        _ => Outcome<TaskAnswer>.Fail(404, "notFound", outcome.Message),
    };
}
