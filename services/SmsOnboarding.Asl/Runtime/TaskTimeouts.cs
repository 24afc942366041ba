using System.Text.Json.Nodes;

namespace SmsOnboarding.Asl;

/// <summary>TimeoutSeconds / HeartbeatSeconds of a Task, from the literal or the *Path (against the effective input).</summary>
public static class TaskTimeouts
{
    /// <summary>Seconds, or null when neither TimeoutSeconds nor TimeoutSecondsPath is set (AWS then applies its default of 99999999).</summary>
    public static int? TimeoutSeconds(TaskState s, JsonNode? input, JsonNode? context = null)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.TimeoutSeconds ?? FromPath(s.TimeoutSecondsPath, "TimeoutSecondsPath", input, context);
    }

    /// <summary>Seconds, or null when no heartbeat is configured.</summary>
    public static int? HeartbeatSeconds(TaskState s, JsonNode? input, JsonNode? context = null)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.HeartbeatSeconds ?? FromPath(s.HeartbeatSecondsPath, "HeartbeatSecondsPath", input, context);
    }

    private static int? FromPath(string? path, string field, JsonNode? input, JsonNode? context)
    {
        if (path is null)
        {
            return null;
        }

        var value = Paths.Resolve(path, input, context, ErrorNames.Runtime, field);
        return JsonValues.TryGetInteger(value, out var seconds) && seconds > 0 && seconds <= DefinitionLimits.MaxTimeoutSeconds
            ? (int)seconds
            : throw new AslRuntimeException(ErrorNames.Runtime, $"The {field} parameter does not reference a valid positive integer: {JsonPath.Describe(value)}");
    }
}
