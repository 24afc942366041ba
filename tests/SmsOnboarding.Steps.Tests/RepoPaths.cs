namespace SmsOnboarding.Steps.Tests;

internal static class RepoPaths
{
    /// <summary>The definition is linked into the test output, so tests read the committed file wherever artifacts go.</summary>
    public static string StateMachine => Path.Combine(AppContext.BaseDirectory, "statemachine", "onboarding.asl.json");
}
