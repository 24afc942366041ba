using System.CommandLine;

namespace SmsOnboarding.Cli.Tests;

internal sealed record CliResult(int ExitCode, string Output, string Error);

/// <summary>Runs the real command tree in-process with captured output.</summary>
internal static class CliRunner
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.BuildRoot().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    public static string Example() => Support.RepositoryFiles.Path("docs", "examples", "onboarding-request.json");
}
