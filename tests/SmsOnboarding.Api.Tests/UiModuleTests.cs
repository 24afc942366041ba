using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace SmsOnboarding.Api.Tests;

/// <summary>The web UI's pure modules (form from the schema, status words, timeline, plan ticks) under node's test runner.</summary>
public sealed class UiModuleTests
{
    [Fact]
    public async Task The_web_ui_modules_pass_their_node_unit_tests()
    {
        var tests = Path.Combine(UiFiles.RepoRoot(), "tests", "SmsOnboarding.Api.Tests", "Ui");
        var start = new ProcessStartInfo("node", ["--test", tests])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = UiFiles.RepoRoot(),
        };
        start.Environment["NO_COLOR"] = "1";
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await node.WaitForExitAsync(timeout.Token);
        var report = await output + await errors;
        Assert.True(node.ExitCode == 0, "node --test failed:\n" + report);
        // A test file that fails to load is reported as a failed test; one that matches no pattern is never run: count them.
        Assert.Matches(@"# pass [1-9][0-9]", report);
        Assert.Contains("# fail 0", report, StringComparison.Ordinal);
    }
}

internal static class UiFiles
{
    // The source path, not the output folder: builds may put binaries outside the repository (--artifacts-path).
    public static string RepoRoot([CallerFilePath] string sourceFile = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmsOnboarding.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("SmsOnboarding.sln was not found above " + sourceFile);
    }

    public static string WebRoot => Path.Combine(RepoRoot(), "services", "SmsOnboarding.Api", "wwwroot");

    /// <summary>Every file the UI serves, as its path under /ui/ (package.json only marks the files as modules for node).</summary>
    public static IEnumerable<string> Served() =>
        Directory.EnumerateFiles(WebRoot, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(WebRoot, f).Replace('\\', '/'))
            .Where(f => f != "package.json")
            .Order(StringComparer.Ordinal);
}
