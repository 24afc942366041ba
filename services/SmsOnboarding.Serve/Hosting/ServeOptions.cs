namespace SmsOnboarding.Serve.Hosting;

public enum LogFormat
{
    Text,
    Json,
}

/// <summary>Options of <c>smsonboard serve</c> that the host itself uses (the backends are built by the caller).</summary>
public sealed record ServeOptions
{
    /// <summary>127.0.0.1 port; 0 picks a free one (tests).</summary>
    public int Port { get; init; } = 8080;

    public string DataDirectory { get; init; } = ".smsonboard";

    /// <summary>Users file; null means the demo users shipped with the app.</summary>
    public string? UsersFile { get; init; }

    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    /// <summary>Tests turn console logging off.</summary>
    public bool ConsoleLogging { get; init; } = true;
}
