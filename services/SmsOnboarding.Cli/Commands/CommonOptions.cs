using System.CommandLine;

namespace SmsOnboarding.Cli.Commands;

internal enum OutputFormat
{
    Text,
    Json,
}

internal static class CommonOptions
{
    public static Option<OutputFormat> Output() => new("--output", "-o")
    {
        Description = "text (default) or json",
        DefaultValueFactory = _ => OutputFormat.Text,
    };
}

/// <summary>Exit codes shared by every command, so scripts can tell a refusal from a fault.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int InvalidInput = 2;
}
