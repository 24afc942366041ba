namespace SmsOnboarding.Simulator.Tests.Infrastructure;

internal static class ScenarioFiles
{
    /// <summary>The sample scenarios of services/SmsOnboarding.Simulator/scenarios, copied next to the tests.</summary>
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "scenarios", name);

    public static IEnumerable<string> All() => Directory.EnumerateFiles(System.IO.Path.Combine(AppContext.BaseDirectory, "scenarios"), "*.json");
}
