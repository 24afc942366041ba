using System.Text.Json.Nodes;
using SmsOnboarding.Steps.HumanTasks;

namespace SmsOnboarding.Api.Tasks;

/// <summary>The workflow's human-task inbox and HumanTaskService (Steps) behind the API's port.</summary>
public sealed class HumanTaskDesk(IHumanTaskInbox inbox, HumanTaskService service) : ITaskDesk
{
    public async Task<IReadOnlyList<PendingTask>> PendingAsync(CancellationToken cancellationToken) =>
        (await inbox.ListPendingAsync(null, cancellationToken).ConfigureAwait(false)).Select(ToPending).ToList();

    public async Task<PendingTask?> FindAsync(string taskId, CancellationToken cancellationToken) =>
        await inbox.FindAsync(taskId, cancellationToken).ConfigureAwait(false) is { } task ? ToPending(task) : null;

    public async Task<TaskOutcome> CompleteAsync(string taskId, JsonObject input, string actor, CancellationToken cancellationToken) =>
        Map(await service.CompleteAsync(taskId, input, actor, cancellationToken).ConfigureAwait(false));

    public async Task<TaskOutcome> RejectAsync(string taskId, string reason, string actor, CancellationToken cancellationToken) =>
        Map(await service.RejectAsync(taskId, reason, actor, cancellationToken).ConfigureAwait(false));

    // The API names executions by onboarding id, so the ARN's last segment is the id (the task's own
    // OnboardingId field carries the request id when there is one).
    private static PendingTask ToPending(HumanTask task) => new(
        task.Id, task.Kind, task.ExecutionArn[(task.ExecutionArn.LastIndexOf(':') + 1)..],
        task.MaskedPhoneNumber, task.Prompt, task.ExpiresAt);

    private static TaskOutcome Map(HumanTaskOutcome outcome) => outcome.Status switch
    {
        HumanTaskOutcomeStatus.Completed => TaskOutcome.Done(outcome.Message),
        HumanTaskOutcomeStatus.Invalid => new(TaskOutcomeKind.InvalidInput, outcome.Message),
        HumanTaskOutcomeStatus.Expired => new(TaskOutcomeKind.AlreadyClosed, outcome.Message),
        HumanTaskOutcomeStatus.Unavailable => new(TaskOutcomeKind.Unavailable, outcome.Message),
        _ => new(TaskOutcomeKind.NotFound, outcome.Message),
    };
}
