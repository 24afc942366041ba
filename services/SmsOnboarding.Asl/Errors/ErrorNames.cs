namespace SmsOnboarding.Asl;

/// <summary>Predefined Step Functions error names and the ErrorEquals matching rules of Retry and Catch.</summary>
public static class ErrorNames
{
    public const string All = "States.ALL";
    public const string TaskFailed = "States.TaskFailed";
    public const string Timeout = "States.Timeout";
    public const string HeartbeatTimeout = "States.HeartbeatTimeout";
    public const string Runtime = "States.Runtime";
    public const string DataLimitExceeded = "States.DataLimitExceeded";
    public const string NoChoiceMatched = "States.NoChoiceMatched";
    public const string ParameterPathFailure = "States.ParameterPathFailure";
    public const string ResultPathMatchFailure = "States.ResultPathMatchFailure";
    public const string IntrinsicFailure = "States.IntrinsicFailure";
    public const string BranchFailed = "States.BranchFailed";
    public const string Permissions = "States.Permissions";
    public const string ExceedToleratedFailureThreshold = "States.ExceedToleratedFailureThreshold";
    public const string ItemReaderFailed = "States.ItemReaderFailed";

    /// <summary>
    /// True when one ErrorEquals list (of a single retrier or catcher) matches <paramref name="error"/>.
    /// AWS: States.ALL "can't catch the States.DataLimitExceeded terminal error type and runtime error types";
    /// States.Runtime errors "are not retriable and will always cause the execution to fail", so nothing matches them.
    /// States.DataLimitExceeded is only matched when named explicitly.
    /// States.TaskFailed "matches any known error name except for States.Timeout"; a heartbeat timeout is a
    /// timeout (AWS: States.Timeout covers a Task that "failed to send a heartbeat"), so TaskFailed does not match
    /// States.HeartbeatTimeout while States.Timeout does.
    /// </summary>
    public static bool Matches(IReadOnlyList<string> errorEquals, string error)
    {
        ArgumentNullException.ThrowIfNull(errorEquals);
        ArgumentNullException.ThrowIfNull(error);
        if (error == Runtime)
        {
            return false;
        }

        foreach (var name in errorEquals)
        {
            if (MatchesOne(name, error))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Index of the first retrier/catcher whose ErrorEquals matches (AWS evaluates them in order), or -1.</summary>
    public static int FirstMatch<T>(IReadOnlyList<T> handlers, Func<T, IReadOnlyList<string>> errorEquals, string error)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentNullException.ThrowIfNull(errorEquals);
        for (var i = 0; i < handlers.Count; i++)
        {
            if (Matches(errorEquals(handlers[i]), error))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool MatchesOne(string name, string error) => name switch
    {
        All => error != DataLimitExceeded,
        TaskFailed => error is not (Timeout or HeartbeatTimeout or DataLimitExceeded),
        Timeout => error is Timeout or HeartbeatTimeout,
        _ => string.Equals(name, error, StringComparison.Ordinal),
    };
}
