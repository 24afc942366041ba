using System.Text.Json.Nodes;

namespace SmsOnboarding.Api.Tasks;

/// <summary>Wire names of the human task kinds.</summary>
public static class TaskKinds
{
    public const string VerificationCode = "verificationCode";
    public const string FileSupportCase = "fileSupportCase";
    public const string SupportCaseDecision = "supportCaseDecision";
}

/// <summary>A pending human task; <see cref="OnboardingId"/> is the execution name (= onboarding id).</summary>
public sealed record PendingTask(string Id, string Kind, string OnboardingId, string? MaskedPhone, string Prompt, DateTimeOffset ExpiresAt);

public enum TaskOutcomeKind
{
    Done,
    NotFound,
    InvalidInput,
    AlreadyClosed,

    /// <summary>The workflow engine could not be reached; the task is still pending.</summary>
    Unavailable,
}

public sealed record TaskOutcome(TaskOutcomeKind Kind, string Message)
{
    public static TaskOutcome Done(string message = "done") => new(TaskOutcomeKind.Done, message);
}

/// <summary>Port to the human-task inbox of the workflow (Steps' inbox + HumanTaskService through Local).</summary>
public interface ITaskDesk
{
    Task<IReadOnlyList<PendingTask>> PendingAsync(CancellationToken cancellationToken);

    Task<PendingTask?> FindAsync(string taskId, CancellationToken cancellationToken);

    Task<TaskOutcome> CompleteAsync(string taskId, JsonObject input, string actor, CancellationToken cancellationToken);

    Task<TaskOutcome> RejectAsync(string taskId, string reason, string actor, CancellationToken cancellationToken);
}
