using System.Diagnostics;
using SmsOnboarding.Simulator;

namespace SmsOnboarding.Api.Tests.Support;

/// <summary>The preinstalled aws CLI, an independent AWS client, pointed at the serve port.</summary>
internal static class AwsCli
{
    public static Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(Uri endpoint, params string[] args) =>
        RunAsAsync((SimulatorCredentials.AccessKeyId, SimulatorCredentials.SecretAccessKey), endpoint, args);

    /// <summary>The aws CLI signing with one user's access key.</summary>
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsAsync((string AccessKeyId, string Secret) key, Uri endpoint, params string[] args)
    {
        var start = new ProcessStartInfo("aws") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--endpoint-url", endpoint.ToString().TrimEnd('/'), "--region", "us-east-1", "--output", "json" }.Concat(args))
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["AWS_ACCESS_KEY_ID"] = key.AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = key.Secret;
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
