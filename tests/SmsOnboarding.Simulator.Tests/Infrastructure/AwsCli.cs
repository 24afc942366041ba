using System.Diagnostics;
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

/// <summary>The real aws CLI (botocore) as an independent client of the simulator.</summary>
public sealed class AwsCli(Uri endpoint)
{
    public Task<CliResult> RunAsync(params string[] args) => RunInRegionAsync("us-east-1", args);

    public Task<CliResult> RunInRegionAsync(string region, params string[] args) =>
        RunWithKeysAsync(SimulatorCredentials.AccessKeyId, SimulatorCredentials.SecretAccessKey, region, args);

    public async Task<CliResult> RunWithKeysAsync(string accessKeyId, string secretAccessKey, string region, params string[] args)
    {
        var start = new ProcessStartInfo("aws")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--endpoint-url", endpoint.ToString().TrimEnd('/'), "--region", region, "--output", "json" }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }
        var env = start.Environment;
        foreach (var key in env.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            env.Remove(key);
        }
        env["AWS_ACCESS_KEY_ID"] = accessKeyId;
        env["AWS_SECRET_ACCESS_KEY"] = secretAccessKey;
        env["AWS_CONFIG_FILE"] = "/nonexistent/aws-config";
        env["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/aws-credentials";
        env["AWS_EC2_METADATA_DISABLED"] = "true";
        env["AWS_MAX_ATTEMPTS"] = "1";
        env["AWS_PAGER"] = "";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start aws");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
