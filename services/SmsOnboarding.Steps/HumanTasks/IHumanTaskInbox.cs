namespace SmsOnboarding.Steps.HumanTasks;

/// <summary>Pending callbacks. Tokens are stored server-side and handed out once (claimed atomically, then gone).</summary>
public interface IHumanTaskInbox
{
    /// <summary>Stores the task; an earlier pending task of the same execution and slot is replaced.</summary>
    Task<HumanTask> AddAsync(HumanTask task, string taskToken, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<HumanTask>> ListPendingAsync(string? executionArn = null, CancellationToken cancellationToken = default);

    Task<HumanTask?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Removes the task and returns its token; null when another caller claimed it first or it is unknown.</summary>
    Task<ClaimedHumanTask?> ClaimAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Puts a claimed task back (the callback could not be delivered for a transient reason).</summary>
    Task RestoreAsync(ClaimedHumanTask claimed, CancellationToken cancellationToken = default);

    /// <summary>Drops every pending task of an execution (it was stopped or has ended).</summary>
    Task<int> RemoveForExecutionAsync(string executionArn, CancellationToken cancellationToken = default);
}

public static class TaskTokens
{
    public static string Id(string taskToken) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(taskToken)));
}
