using System.Diagnostics;
using SmsOnboarding.Cli.Tests.Support;

namespace SmsOnboarding.Cli.Tests.Tool;

/// <summary>
/// `make run` installs the CLI as a .NET tool from the package `make tool` packs. This packs the build under test
/// the same way, installs it into a throwaway tool path (own NuGet cache, so nothing of the machine's is used or
/// changed) and runs the installed command.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("smsonboard-tool-");

    [Fact]
    public async Task The_packed_cli_installs_as_a_dotnet_tool_and_runs_as_smsonboard()
    {
        var packages = Path.Combine(_work.FullName, "packages");
        var tools = Path.Combine(_work.FullName, "tools");
        const string version = "0.1.0-test.1";

        var pack = await RunAsync("dotnet", "pack", RepositoryFiles.Path("services", "SmsOnboarding.Cli"), "--no-build", "-c", Configuration,
            "-o", packages, $"-p:Version={version}");
        var install = await RunAsync("dotnet", "tool", "install", "smsonboard", "--tool-path", tools, "--add-source", packages,
            "--version", version, "--ignore-failed-sources");
        var regions = await RunAsync(Path.Combine(tools, "smsonboard"), "regions");
        var validate = await RunAsync(Path.Combine(tools, "smsonboard"), "validate", RepositoryFiles.Path("docs", "examples", "onboarding-request.json"));

        Assert.True(pack.ExitCode == 0, pack.Output + pack.Error);
        Assert.True(File.Exists(Path.Combine(packages, $"smsonboard.{version}.nupkg")));
        Assert.True(install.ExitCode == 0, install.Output + install.Error);
        Assert.Equal(0, regions.ExitCode);
        Assert.Contains("ap-northeast-2", regions.Output, StringComparison.Ordinal);
        Assert.True(validate.ExitCode == 0, validate.Error);
        Assert.Contains("us-east-1_Checkout1", validate.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _work.Delete(recursive: true);

    private async Task<CliResult> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["NUGET_PACKAGES"] = Path.Combine(_work.FullName, "nuget-cache");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }
}
