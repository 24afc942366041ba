using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SmsOnboarding.Simulator.Scenarios;

namespace SmsOnboarding.Simulator.Persistence;

/// <summary>A saved simulated account that cannot be used; the message names the file and the problem.</summary>
public sealed class SimulatorStateException(string path, string problem)
    : IOException($"simulated account file '{path}': {problem}")
{
    public string FilePath { get; } = path;
}

/// <summary>
/// Keeps a <see cref="SimulatedAccount"/> in one JSON file (by convention <see cref="FileName"/> in the data
/// directory) so a restarted process resumes the same "AWS account": every resource, review, code and delivery,
/// the scenario, and the position of the seeded generators (ids and codes never repeat across a restart).
/// The simulator writes it after each request that changed something and before answering, so a kill -9 can
/// never lose a change a client already saw acknowledged.
/// </summary>
public sealed class SimulatorStateFile
{
    public const string FileName = "simulator.json";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        WriteIndented = true,
    };

    private readonly JsonNode _createdFrom;
    private readonly object _fileLock = new();
    private string? _written;

    private SimulatorStateFile(string path, JsonNode createdFrom, string? written)
    {
        Path = path;
        _createdFrom = createdFrom;
        _written = written;
    }

    public string Path { get; }

    /// <summary>
    /// The account saved at <paramref name="path"/>, or (no file yet) a new account from <paramref name="scenario"/>,
    /// written at once. Either way every later change is saved to the file.
    /// </summary>
    /// <exception cref="SimulatorStateException">The file exists but cannot be read or is not a saved account.</exception>
    public static SimulatedAccount OpenOrCreate(string path, SimulatorScenario? scenario = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path))
        {
            return Open(path, time);
        }
        var account = new SimulatedAccount(scenario, time);
        lock (account.Gate)
        {
            account.StateFile = new SimulatorStateFile(path, JsonNode.Parse(ScenarioLoader.Serialize(account.CurrentScenario))!, written: null);
            account.SaveChanges();
        }
        return account;
    }

    /// <summary>Resumes the account saved at <paramref name="path"/>; later changes are saved back to it.</summary>
    /// <exception cref="SimulatorStateException">The file is missing, unreadable or not a saved account.</exception>
    public static SimulatedAccount Open(string path, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var (text, snapshot) = Read(path);
        SimulatedAccount account;
        try
        {
            var scenario = ScenarioLoader.Parse(snapshot.Scenario.ToJsonString());
            account = SimulatedAccount.Restore(snapshot, scenario, time ?? TimeProvider.System);
        }
        catch (ScenarioException e)
        {
            throw new SimulatorStateException(path, $"its scenario is invalid: {e.Message}");
        }
        catch (ArgumentException e)
        {
            // Duplicate keys (two pools with one id, ...): the file was edited or mixed up.
            throw new SimulatorStateException(path, $"inconsistent state: {e.Message}");
        }
        lock (account.Gate)
        {
            account.StateFile = new SimulatorStateFile(path, snapshot.CreatedFrom, text);
        }
        return account;
    }

    /// <summary>The scenario the saved account was created from (to tell whether a scenario given again is the same one).</summary>
    public static SimulatorScenario CreatedFrom(string path)
    {
        var (_, snapshot) = Read(path);
        try
        {
            return ScenarioLoader.Parse(snapshot.CreatedFrom.ToJsonString());
        }
        catch (ScenarioException e)
        {
            throw new SimulatorStateException(path, $"its original scenario is invalid: {e.Message}");
        }
    }

    /// <summary>Serializes the account and writes it if it differs from what was last written. Call with the account's gate held.</summary>
    /// <summary>Serializes and writes, both now (call with the account's Gate held).</summary>
    internal void SaveIfChanged(SimulatedAccount account)
    {
        lock (_fileLock)
        {
            WriteIfChanged(Serialize(account));
        }
    }

    /// <summary>
    /// Serializes under <paramref name="gate"/> (one consistent moment, with <paramref name="atSnapshot"/> run in it)
    /// and writes after releasing it, so calls go on while the file is written. The file lock is taken before the
    /// snapshot and held until its write is done, so snapshots reach the file in the order they were taken.
    /// </summary>
    internal void SaveOutside(object gate, SimulatedAccount account, Action atSnapshot)
    {
        string text;
        lock (gate)
        {
            Monitor.Enter(_fileLock);
            try
            {
                atSnapshot();
                text = Serialize(account);
            }
            catch
            {
                Monitor.Exit(_fileLock);
                throw;
            }
        }
        try
        {
            WriteIfChanged(text);
        }
        finally
        {
            Monitor.Exit(_fileLock);
        }
    }

    private string Serialize(SimulatedAccount account) => JsonSerializer.Serialize(account.Capture(_createdFrom), Options);

    private void WriteIfChanged(string text)
    {
        if (text == _written)
        {
            return;
        }
        // Temp file + rename: a reader (or a restart after kill -9) sees the old or the new file, never half of one.
        // No fsync: a killed process cannot lose what the kernel already holds; only a power cut could, and the
        // engine's own database (which does fsync) is then the one that matters.
        var temp = Path + ".tmp";
        try
        {
            File.WriteAllText(temp, text);
            File.Move(temp, Path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SimulatorStateException(Path, $"cannot write it: {e.Message}");
        }
        _written = text;
    }

    private static (string Text, AccountSnapshot Snapshot) Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SimulatorStateException(path, $"cannot read it: {e.Message}");
        }
        AccountSnapshot? snapshot;
        try
        {
            var format = JsonNode.Parse(text)?["format"];
            if (format is null || format.GetValueKind() != JsonValueKind.Number || format.GetValue<int>() != AccountSnapshot.CurrentFormat)
            {
                throw new SimulatorStateException(path,
                    $"not a saved simulated account of format {AccountSnapshot.CurrentFormat} (member 'format' is {format?.ToJsonString() ?? "missing"}); to start over, move its whole data directory aside (the engine's runs belong to this account)");
            }
            snapshot = JsonSerializer.Deserialize<AccountSnapshot>(text, Options);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            var at = e is JsonException { Path: { Length: > 0 } p } ? $" at {p}" : "";
            throw new SimulatorStateException(path, $"not a valid saved simulated account{at}: {FirstLine(e.Message)}; to start over, move its whole data directory aside (the engine's runs belong to this account)");
        }
        return (text, snapshot ?? throw new SimulatorStateException(path, "it holds null, not a saved simulated account"));
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
