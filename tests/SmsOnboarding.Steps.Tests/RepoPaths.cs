using System.Reflection;

namespace SmsOnboarding.Steps.Tests;

internal static class RepoPaths
{
    /// <summary>The definition is linked into the test output, so tests read the committed file wherever artifacts go.</summary>
    public static string StateMachine => Path.Combine(AppContext.BaseDirectory, "statemachine", "onboarding.asl.json");

    /// <summary>The step modules' folders in the source tree: one per step.</summary>
    public static string StepFolders => Path.Combine(RepositoryRoot, "services", "SmsOnboarding.Steps", "Steps");

    private static string RepositoryRoot =>
        typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
}
