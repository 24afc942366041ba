namespace SmsOnboarding.EndToEnd.Tests.Organisation;

/// <summary>
/// A bounded load test: minutes of work on a 2-core machine, too long for every <c>make test</c>. It runs with
/// LOAD_TESTS=1 (<c>make load-test</c>, also part of <c>make bench</c>) and is reported as skipped otherwise.
/// </summary>
public sealed class LoadFactAttribute : FactAttribute
{
    public LoadFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("LOAD_TESTS") != "1")
        {
            Skip = "A load test: run it with `make load-test` (LOAD_TESTS=1).";
        }
    }
}
