namespace SmsOnboarding.Engine.Tests.Moto;

/// <summary>A fact that needs moto_server; skipped (with the reason) only when it is not installed. CI installs it.</summary>
public sealed class MotoFactAttribute : FactAttribute
{
    public MotoFactAttribute()
    {
        if (!SmsOnboarding.Testing.MotoServerProcess.IsInstalled)
        {
            Skip = "moto_server is not on PATH (pip install 'moto[server]==5.2.1'): the moto comparison cannot run";
        }
    }
}
