using System.Reflection;
using System.Text.Json.Nodes;
using SmsOnboarding.Steps;

namespace SmsOnboarding.EndToEnd.Tests.Replay;

/// <summary>
/// Every recorded history (Replay/histories, written by <see cref="HistoryRecorder"/>) still reads with today's step
/// contracts and today's ASL: what executions in flight carry must keep working after a deploy (decision 0016).
/// </summary>
public sealed class ReplayTests
{
    public static TheoryData<string> Histories => new(Directory.GetFiles(Folder, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Histories))]
    public void Recorded_history_reads_with_todays_contracts_and_asl(string scenario)
    {
        var problems = HistoryReplay.Today().Problems(Load(scenario));

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Every_scenario_of_the_recorder_has_its_recorded_history_and_no_history_is_orphaned()
    {
        var recorded = Directory.GetFiles(Folder, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);

        Assert.Equal(RecordedScenario.All.Select(s => s.Name).Order(StringComparer.Ordinal), recorded);
    }

    [Fact]
    public void Every_step_of_the_catalog_is_in_some_recorded_history()
    {
        var recorded = Directory.GetFiles(Folder, "*.json")
            .SelectMany(f => JsonNode.Parse(File.ReadAllText(f))!["steps"]!.AsArray().Select(s => (string)s!["step"]!))
            .ToHashSet(StringComparer.Ordinal);

        var missing = StepCatalog.All.Select(s => s.Name).Where(s => !recorded.Contains(s)).ToList();
        Assert.True(missing.Count == 0, "no recorded history runs " + string.Join(", ", missing) + ": add a scenario to the recorder");
    }

    public static JsonObject Load(string scenario) => JsonNode.Parse(File.ReadAllText(PathOf(scenario)))!.AsObject();

    public static string PathOf(string scenario) => Path.Combine(Folder, scenario + ".json");

    private static string Folder => Path.Combine(
        typeof(ReplayTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!,
        "tests", "SmsOnboarding.EndToEnd.Tests", "Replay", "histories");
}
