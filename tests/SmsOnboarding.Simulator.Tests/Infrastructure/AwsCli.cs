using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmsOnboarding.Simulator;

namespace SmsOnboarding.Simulator.Tests.Infrastructure;

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public JsonNode Json => JsonNode.Parse(Stdout) ?? throw new InvalidOperationException("empty output");

    public CliResult Succeeded()
    {
        Assert.True(ExitCode == 0, $"aws exited {ExitCode}: {Stderr}");
        return this;
    }

    /// <summary>The CLI prints "An error occurred (Code) when calling the Op operation: message".</summary>
    public CliResult FailedWith(string errorCode)
    {
        Assert.True(ExitCode != 0, $"expected {errorCode} but aws succeeded: {Stdout}");
        Assert.True(Stderr.Contains($"({errorCode})", StringComparison.Ordinal), $"expected {errorCode}, got: {Stderr}");
        return this;
    }
}

/// <summary>
/// The real aws CLI (awscli/botocore, preinstalled) as an independent client of the simulator. Commands run
/// through awscli's own driver in one shared Python process (aws_cli_batch.py): starting the CLI per
/// command costs ~1 s of CPU, which a loaded 2-core machine cannot afford for every operation.
/// </summary>
public sealed class AwsCli(Uri endpoint)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Process? _batch;

    public Task<CliResult> RunAsync(params string[] args) => RunInRegionAsync("us-east-1", args);

    public Task<CliResult> RunInRegionAsync(string region, params string[] args) =>
        RunWithKeysAsync(SimulatorCredentials.AccessKeyId, SimulatorCredentials.SecretAccessKey, region, args);

    public Task<CliResult> RunWithKeysAsync(string accessKeyId, string secretAccessKey, string region, params string[] args) =>
        RunWithCredentialsAsync(accessKeyId, secretAccessKey, null, region, args);

    public async Task<CliResult> RunWithCredentialsAsync(string accessKeyId, string secretAccessKey, string? sessionToken, string region, params string[] args)
    {
        var request = new JsonObject
        {
            ["args"] = new JsonArray([.. new[] { "--endpoint-url", endpoint.ToString().TrimEnd('/'), "--region", region, "--output", "json" }
                .Concat(args).Select(a => (JsonNode)JsonValue.Create(a))]),
            ["env"] = new JsonObject
            {
                ["AWS_ACCESS_KEY_ID"] = accessKeyId,
                ["AWS_SECRET_ACCESS_KEY"] = secretAccessKey,
                ["AWS_CONFIG_FILE"] = "/nonexistent/aws-config",
                ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/aws-credentials",
                ["AWS_EC2_METADATA_DISABLED"] = "true",
                ["AWS_MAX_ATTEMPTS"] = "1",
                ["AWS_PAGER"] = "",
            },
        };
        if (sessionToken is not null)
        {
            request["env"]!["AWS_SESSION_TOKEN"] = sessionToken;
        }
        await Gate.WaitAsync();
        try
        {
            var batch = Batch();
            await batch.StandardInput.WriteLineAsync(request.ToJsonString());
            await batch.StandardInput.FlushAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var line = await batch.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException("aws CLI batch process ended: " + await batch.StandardError.ReadToEndAsync());
            using var result = JsonDocument.Parse(line);
            var root = result.RootElement;
            return new CliResult(root.GetProperty("rc").GetInt32(), root.GetProperty("out").GetString() ?? "", root.GetProperty("err").GetString() ?? "");
        }
        finally
        {
            Gate.Release();
        }
    }

    private static Process Batch()
    {
        if (_batch is { HasExited: false })
        {
            return _batch;
        }
        var start = new ProcessStartInfo(PythonOfAwsCli(), Path.Combine(AppContext.BaseDirectory, "Infrastructure", "aws_cli_batch.py"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _batch = Process.Start(start) ?? throw new InvalidOperationException("cannot start python for the aws CLI");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopBatch();
        return _batch;
    }

    private static void StopBatch()
    {
        if (_batch is { HasExited: false } batch)
        {
            batch.StandardInput.Close();
            batch.WaitForExit(5000);
        }
    }

    /// <summary>The interpreter named in the aws script's shebang (resolving a pyenv shim), else python3.</summary>
    private static string PythonOfAwsCli()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            var script = Path.Combine(dir, "aws");
            if (!File.Exists(script))
            {
                continue;
            }
            var shebang = File.ReadLines(script).FirstOrDefault() ?? "";
            if (shebang.StartsWith("#!", StringComparison.Ordinal) && shebang.Contains("python", StringComparison.Ordinal))
            {
                return shebang[2..].Trim();
            }
            var pyenv = RunToEnd("pyenv", "which aws");
            if (pyenv is not null && File.Exists(pyenv))
            {
                var real = File.ReadLines(pyenv).FirstOrDefault() ?? "";
                if (real.StartsWith("#!", StringComparison.Ordinal))
                {
                    return real[2..].Trim();
                }
            }
        }
        return "python3";
    }

    private static string? RunToEnd(string file, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, UseShellExecute = false });
            var output = process?.StandardOutput.ReadToEnd().Trim();
            process?.WaitForExit();
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
