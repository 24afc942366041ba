using System.Text.Json.Nodes;

namespace SmsOnboarding.Asl;

/// <summary>When a Wait state ends. Paths are evaluated against the effective input (after InputPath), "$$" paths against the context.</summary>
public static class WaitTime
{
    public static DateTimeOffset DueAt(WaitState state, JsonNode? input, DateTimeOffset now, JsonNode? context = null)
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
            var value = Paths.Resolve(secondsPath, input, context, ErrorNames.Runtime, "SecondsPath");
            if (!JsonValues.TryGetInteger(value, out var fromPath) || fromPath < 0 || fromPath > DefinitionLimits.MaxWaitSeconds)
            {
                throw new AslRuntimeException(ErrorNames.Runtime, $"The SecondsPath parameter does not reference a valid integer value between 0 and {DefinitionLimits.MaxWaitSeconds}: {JsonPath.Describe(value)}");
            }

            return now.AddSeconds(fromPath);
        }

        if (state.TimestampPath is { } timestampPath)
        {
            var value = Paths.Resolve(timestampPath, input, context, ErrorNames.Runtime, "TimestampPath");
            if (!JsonValues.TryGetString(value, out var text) || !Timestamps.TryParse(text, out var due))
            {
                throw new AslRuntimeException(ErrorNames.Runtime, $"The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {JsonPath.Describe(value)}");
            }

            return due;
        }

        throw new InvalidOperationException($"Wait state '{state.Name}' has no wait time (the parser guarantees one).");
    }
}
