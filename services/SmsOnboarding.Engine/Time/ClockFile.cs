using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmsOnboarding.Engine.Time;

/// <summary>A saved clock that cannot be used; the message names the file and the problem.</summary>
public sealed class ClockFileException(string path, string problem) : IOException($"clock file '{path}': {problem}")
{
    public string FilePath { get; } = path;
}

/// <summary>
/// Keeps a <see cref="SkippingTimeProvider"/>'s offset in a small JSON file (by convention <see cref="FileName"/> in the
/// data directory), so virtual time survives a restart: the engine's history and timers and the simulator's review
/// timestamps are days ahead of the wall clock after a few skips, and must not see time run backwards.
/// </summary>
public static class ClockFile
{
    public const string FileName = "clock.json";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        WriteIndented = true,
    };

    /// <summary>
    /// The clock saved at <paramref name="path"/> (virtual now = inner now + saved offset, never earlier than the last
    /// saved virtual time, even if the wall clock went back), or a new one starting at <paramref name="start"/> (null:
    /// now). Every skip or advance is written to the file before it takes effect.
    /// </summary>
    /// <exception cref="ClockFileException">The file exists but cannot be read or is not a saved clock.</exception>
    public static SkippingTimeProvider Open(string path, TimeProvider? inner = null, DateTimeOffset? start = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        inner ??= TimeProvider.System;
        var now = inner.GetUtcNow();
        var offset = Read(path) is { } saved
            ? (now + saved.Offset < saved.VirtualNow ? saved.VirtualNow - now : saved.Offset)
            : (start ?? now) - now;
        Write(path, offset, now + offset);
        return new SkippingTimeProvider(inner, offset, (o, virtualNow) => Write(path, o, virtualNow));
    }

    private static SavedClock? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<SavedClock>(File.ReadAllText(path), Options)
                ?? throw new ClockFileException(path, "it holds null, not a saved clock");
        }
        catch (JsonException e)
        {
            throw new ClockFileException(path, $"not a saved clock ({{\"offset\", \"virtualNow\"}}): {e.Message.Split('\n')[0]}; to start over, move its whole data directory aside (the engine's timers are in this clock's time)");
        }
        catch (Exception e) when (e is (IOException or UnauthorizedAccessException) and not ClockFileException)
        {
            throw new ClockFileException(path, $"cannot read it: {e.Message}");
        }
    }

    // Temp file + rename: a restart after kill -9 finds the old or the new offset, never a torn file. No fsync: a
    // killed process loses nothing the kernel already has, and skips are frequent.
    private static void Write(string path, TimeSpan offset, DateTimeOffset virtualNow)
    {
        var temp = path + ".tmp";
        try
        {
            File.WriteAllText(temp, JsonSerializer.Serialize(new SavedClock(offset, virtualNow), Options));
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ClockFileException(path, $"cannot write it: {e.Message}");
        }
    }

    private sealed record SavedClock(TimeSpan Offset, DateTimeOffset VirtualNow);
}
