using SmsOnboarding.Serve;
using SmsOnboarding.Simulator.Persistence;

namespace SmsOnboarding.EndToEnd.Tests.KillNine;

/// <summary>A data directory resumes its saved account; a different --scenario for it is refused, not silently ignored.</summary>
[Collection(KillNineCollection.Name)]
public sealed class ServeScenarioTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("serve-scenario-").FullName;

    [Fact]
    public async Task Serve_resumes_the_saved_account_with_its_own_scenario_or_none_and_refuses_another_scenario()
    {
        var data = Path.Combine(_dir, "data");
        var basic = Scenario("basic.json", """{ "name": "basic-plan", "supportPlan": "Basic" }""");
        var other = Scenario("other.json", """{ "name": "basic-plan", "supportPlan": "Developer" }""");
        await StartAndStopAsync(data, basic);

        await StartAndStopAsync(data, basic);
        var resumed = await StartAndStopAsync(data, scenarioFile: null);
        var refused = await Assert.ThrowsAsync<ServeConfigurationException>(() => StartAndStopAsync(data, other));

        Assert.Equal("basic-plan", resumed);
        Assert.StartsWith($"--scenario {other}: ", refused.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(data, SimulatorStateFile.FileName), refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
    }

    [Fact]
    public async Task Serve_on_a_data_directory_with_a_corrupt_account_file_stops_with_the_file_named()
    {
        var data = Directory.CreateDirectory(Path.Combine(_dir, "data")).FullName;
        var saved = Path.Combine(data, SimulatorStateFile.FileName);
        await File.WriteAllTextAsync(saved, "{\"format\": 1, \"scenario\": ");

        var error = await Assert.ThrowsAsync<SimulatorStateException>(() => StartAndStopAsync(data, scenarioFile: null));

        Assert.Contains(saved, error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IOException>(error);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Scenario(string name, string json)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, json);
        return path;
    }

    /// <returns>The name of the scenario the running account has.</returns>
    private static async Task<string> StartAndStopAsync(string data, string? scenarioFile)
    {
        var (stack, local) = await LocalServe.CreateAsync(new LocalServeOptions { DataDirectory = data, ScenarioFile = scenarioFile });
        try
        {
            return local.Simulator.Scenario.Name;
        }
        finally
        {
            await stack.Shutdown!();
        }
    }
}
