using System.Diagnostics;
using SmsOnboarding.Simulator;

namespace SmsOnboarding.Api.Tests.Support;

/// <summary>The preinstalled aws CLI, an independent AWS client, pointed at the serve port.</summary>
internal static class AwsCli
{
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(Uri endpoint, params string[] args)
    {
        var start = new ProcessStartInfo("aws") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--endpoint-url", endpoint.ToString().TrimEnd('/'), "--region", "us-east-1", "--output", "json" }.Concat(args))
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["AWS_ACCESS_KEY_ID"] = SimulatorCredentials.AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = SimulatorCredentials.SecretAccessKey;
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment.Remove("AWS_PROFILE");
        start.Environment.Remove("AWS_SESSION_TOKEN");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
