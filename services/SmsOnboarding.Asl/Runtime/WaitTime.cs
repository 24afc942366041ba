using System.Text.Json.Nodes;

namespace SmsOnboarding.Asl;

/// <summary>When a Wait state ends. Paths are evaluated against the effective input (after InputPath).</summary>
public static class WaitTime
{
    public static DateTimeOffset DueAt(WaitState state, JsonNode? input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Seconds is { } seconds)
        {
            return now.AddSeconds(seconds);
        }

        if (state.Timestamp is { } timestamp)
        {
            return timestamp;
        }

        if (state.SecondsPath is { } secondsPath)
        {
            var value = Paths.Resolve(secondsPath, input, null, ErrorNames.Runtime, "SecondsPath");
            if (!JsonValues.TryGetInteger(value, out var fromPath) || fromPath < 0 || fromPath > DefinitionLimits.MaxWaitSeconds)
            {
                throw new AslRuntimeException(ErrorNames.Runtime, $"The SecondsPath parameter does not reference a valid integer value between 0 and {DefinitionLimits.MaxWaitSeconds}: {JsonPath.Describe(value)}");
            }

            return now.AddSeconds(fromPath);
        }

        if (state.TimestampPath is { } timestampPath)
        {
            var value = Paths.Resolve(timestampPath, input, null, ErrorNames.Runtime, "TimestampPath");
            if (!JsonValues.TryGetString(value, out var text) || !Timestamps.TryParse(text, out var due))
            {
                throw new AslRuntimeException(ErrorNames.Runtime, $"The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {JsonPath.Describe(value)}");
            }

            return due;
        }

        throw new InvalidOperationException($"Wait state '{state.Name}' has no wait time (the parser guarantees one).");
    }
}

/// <summary>TimeoutSeconds / HeartbeatSeconds of a Task, from the literal or the *Path (against the effective input).</summary>
public static class TaskTimeouts
{
    /// <summary>Seconds, or null when neither TimeoutSeconds nor TimeoutSecondsPath is set (AWS then applies its default of 99999999).</summary>
    public static int? TimeoutSeconds(TaskState s, JsonNode? input)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.TimeoutSeconds ?? FromPath(s.TimeoutSecondsPath, "TimeoutSecondsPath", input);
    }

    /// <summary>Seconds, or null when no heartbeat is configured.</summary>
    public static int? HeartbeatSeconds(TaskState s, JsonNode? input)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.HeartbeatSeconds ?? FromPath(s.HeartbeatSecondsPath, "HeartbeatSecondsPath", input);
    }

    private static int? FromPath(string? path, string field, JsonNode? input)
    {
        if (path is null)
        {
            return null;
        }

        var value = Paths.Resolve(path, input, null, ErrorNames.Runtime, field);
        return JsonValues.TryGetInteger(value, out var seconds) && seconds > 0 && seconds <= DefinitionLimits.MaxTimeoutSeconds
            ? (int)seconds
            : throw new AslRuntimeException(ErrorNames.Runtime, $"The {field} parameter does not reference a valid positive integer: {JsonPath.Describe(value)}");
    }
}
