using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SmsOnboarding.Cli.Tests.Support;

namespace SmsOnboarding.Cli.Tests.Readme;

/// <summary>
/// Runs the README's "Set up and run" commands as written, through bash, against a served stack: the only
/// changes are the server's address (a free port instead of 8080) and the words in angle brackets, which the
/// README says come from what earlier commands printed.
/// </summary>
public sealed partial class ReadmeCommandsTests : IAsyncLifetime
{
    private const string ReadmeAddress = "http://127.0.0.1:8080";
    private LocalServer _server = null!;
    private string _bin = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalServer.StartAsync();
        _bin = Directory.CreateTempSubdirectory("smsonboard-readme-").FullName;
        SmsonboardCommand.Install(_bin);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_bin, recursive: true);
    }

    [Fact]
    public void The_readme_shows_the_commands_a_newcomer_needs()
    {
        var commands = ReadmeCommands.SetUpAndRun(File.ReadAllText(RepositoryFiles.Path("README.md")));

        Assert.Contains(commands, c => c.Contains("smsonboard request create --file", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Contains("smsonboard request create --pool", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Contains("smsonboard tasks complete <task-id>", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.StartsWith("aws ", StringComparison.Ordinal) && c.Contains("stepfunctions", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_command_of_the_readme_runs_as_written_against_a_served_stack()
    {
        var commands = ReadmeCommands.SetUpAndRun(File.ReadAllText(RepositoryFiles.Path("README.md")));
        var exports = new List<string>();
        string? onboardingId = null;
        var transcript = new List<string>();

        foreach (var written in commands)
        {
            var command = written.Replace(ReadmeAddress, _server.Endpoint.TrimEnd('/'), StringComparison.Ordinal);
            if (command.StartsWith("export ", StringComparison.Ordinal))
            {
                exports.Add(command);
                continue;
            }
            foreach (var filled in await FillAsync(command, onboardingId))
            {
                var run = await BashAsync(string.Join("; ", exports.Append(filled)));
                transcript.Add($"$ {filled}\n{run.Output}{run.Error}(exit {run.ExitCode})");
                Assert.True(run.ExitCode == 0, string.Join("\n", transcript));
                if (onboardingId is null && filled.Contains("request create --file", StringComparison.Ordinal))
                {
                    onboardingId = run.Output.Split(' ')[0];
                }
            }
        }

        var log = string.Join("\n", transcript);
        Assert.Contains("status: completed", log, StringComparison.Ordinal);
        Assert.Contains("\"executions\": [", log, StringComparison.Ordinal);
        Assert.Contains("\"IsInSandbox\": true", log, StringComparison.Ordinal);
    }

    /// <summary>The command once per value of its placeholders: a task command once per pending code task.</summary>
    private async Task<IReadOnlyList<string>> FillAsync(string command, string? onboardingId)
    {
        if (command.Contains("<id>", StringComparison.Ordinal))
        {
            command = command.Replace("<id>", onboardingId ?? throw new InvalidOperationException("<id> before any request create"), StringComparison.Ordinal);
        }
        if (!command.Contains("<task-id>", StringComparison.Ordinal))
        {
            return [command];
        }
        var bob = _server.As("demo-approver-bob");
        var tasks = JsonNode.Parse((await CliProcess.RunAsync(bob, "tasks", "list", "--output", "json")).Output)!.AsArray();
        var inboxes = JsonNode.Parse((await CliProcess.RunAsync(bob, "sim", "inbox", "--output", "json")).Output)!.AsObject();
        var filled = new List<string>();
        foreach (var task in tasks.Where(t => t!["kind"]!.GetValue<string>() == "verificationCode"))
        {
            var masked = task!["maskedPhone"]!.GetValue<string>();
            var sms = inboxes.Single(p => p.Key.EndsWith(masked[^4..], StringComparison.Ordinal)).Value!.AsArray()[^1]!["body"]!.GetValue<string>();
            filled.Add(command.Replace("<task-id>", task["id"]!.GetValue<string>(), StringComparison.Ordinal)
                .Replace("<code>", Code().Match(sms).Value, StringComparison.Ordinal));
        }
        Assert.NotEmpty(filled);
        return filled;
    }

    private async Task<CliResult> BashAsync(string script)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepositoryFiles.Root };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("SMSONBOARD_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }
        start.Environment["PATH"] = _bin + Path.PathSeparator + start.Environment["PATH"];
        start.Environment["SMSONBOARD_ENDPOINT"] = _server.Endpoint;
        // The aws CLI reads no config or credentials file of the machine's user: only what the README sets counts.
        start.Environment["HOME"] = _bin;
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }

    [GeneratedRegex(@"\b\d{5,8}\b")]
    private static partial Regex Code();
}
