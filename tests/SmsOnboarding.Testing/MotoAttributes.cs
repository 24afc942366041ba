using Xunit;

namespace SmsOnboarding.Testing;

/// <summary>A fact that is skipped, saying why, only when moto_server is not installed (CI installs it).</summary>
public sealed class MotoFactAttribute : FactAttribute
{
    public const string SkipReason = "moto_server is not on PATH (pip install 'moto[server]'; .ci/install-tools checks for it): this test needs it.";

    public MotoFactAttribute()
    {
        if (!MotoServerProcess.IsInstalled)
        {
            Skip = SkipReason;
        }
    }
}

/// <summary>A theory that is skipped, saying why, only when moto_server is not installed.</summary>
public sealed class MotoTheoryAttribute : TheoryAttribute
{
    public MotoTheoryAttribute()
    {
        if (!MotoServerProcess.IsInstalled)
        {
            Skip = MotoFactAttribute.SkipReason;
        }
    }
}
