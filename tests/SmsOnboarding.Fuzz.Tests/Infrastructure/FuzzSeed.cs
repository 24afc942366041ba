namespace SmsOnboarding.Fuzz.Tests.Infrastructure;

/// <summary>
/// Every fuzz target draws from a <see cref="Random"/> seeded from one base seed, so a failure reproduces:
/// <c>SMSONBOARD_FUZZ_SEED=&lt;seed&gt; dotnet test tests/SmsOnboarding.Fuzz.Tests</c>.
/// </summary>
internal static class FuzzSeed
{
    public const string Variable = "SMSONBOARD_FUZZ_SEED";
    private const int Default = 20261205;

    public static int Base =>
        int.TryParse(Environment.GetEnvironmentVariable(Variable), out var seed) ? seed : Default;

    /// <summary>The target's own seed: stable per target name, so adding a target does not change the others.</summary>
    public static int For(string target)
    {
        var hash = 17;
        foreach (var c in target)
        {
            hash = unchecked((hash * 31) + c);
        }
        return unchecked(Base ^ hash);
    }
}
