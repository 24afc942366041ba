using System.CommandLine;

namespace SmsOnboarding.Cli.Commands;

/// <summary>What the commands that run one part alone (engine, simulator) share: the port option and Ctrl-C.</summary>
internal static class StandaloneHost
{
    public static Option<int> PortOption(int defaultPort) => new("--port")
    {
        Description = "Port on 127.0.0.1 (0 = any free port)",
        DefaultValueFactory = _ => defaultPort,
    };

    /// <summary>Null when the port is usable, else the one-line error to print.</summary>
    public static string? PortProblem(int port) =>
        port is < 0 or > 65535 ? $"--port must be between 0 and 65535 (got {port})." : null;

    /// <summary>Returns when System.CommandLine cancels the token on Ctrl-C; the caller then disposes its host.</summary>
    public static async Task WaitForCtrlCAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Normal shutdown.
        }
    }
}
