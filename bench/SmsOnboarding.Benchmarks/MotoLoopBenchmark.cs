using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Aws.StepFunctions;
using SmsOnboarding.Aws.StepFunctions.Model;

namespace SmsOnboarding.Benchmarks;

/// <summary>
/// moto_server's executing Step Functions on the engine bench's loop. moto has no Lambda runtime without Docker,
/// so the loop's Task state is a Pass here (same shape: three states per iteration, then Succeed).
/// </summary>
internal static class MotoLoopBenchmark
{
    public const string Loop = """
        {"StartAt":"Step","States":{
          "Step":{"Type":"Pass","Parameters":{"i.$":"States.MathAdd($.i, 1)","n.$":"$.n"},"Next":"Work"},
          "Work":{"Type":"Pass","Next":"More?"},
          "More?":{"Type":"Choice","Choices":[{"Variable":"$.i","NumericLessThanPath":"$.n","Next":"Step"}],"Default":"Done"},
          "Done":{"Type":"Succeed"}}}
        """;

    public static string? Executable { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(directory => Path.Combine(directory, "moto_server"))
        .FirstOrDefault(File.Exists);

    /// <returns>State transitions per second, or null when moto_server is not installed.</returns>
    public static async Task<double?> RunAsync(int concurrency, int iterations)
    {
        if (Executable is null)
        {
            return null;
        }
        var port = FreePort();
        using var process = Process.Start(new ProcessStartInfo(Executable, ["-H", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var baseUri = new Uri($"http://127.0.0.1:{port}/");
            await EnableExecutionAsync(baseUri);
            using var client = new AmazonStepFunctionsClient(new AwsClientConfig
            {
                Region = "us-east-1",
                ServiceUrl = baseUri,
                Credentials = new Amazon.Runtime.ImmutableCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", null),
            });
            var machine = (await client.CreateStateMachineAsync(new CreateStateMachineRequest { Name = "loop", Definition = Loop, RoleArn = "arn:aws:iam::123456789012:role/bench" })).StateMachineArn;
            var watch = Stopwatch.StartNew();
            var pending = new List<string>();
            for (var e = 0; e < concurrency; e++)
            {
                pending.Add((await client.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = machine, Input = $$"""{"i":0,"n":{{iterations}}}""" })).ExecutionArn!);
            }
            while (pending.Count > 0)
            {
                var described = await client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = pending[0] });
                if (described.Status == "RUNNING")
                {
                    await Task.Delay(10);
                }
                else if (described.Status == "SUCCEEDED")
                {
                    pending.RemoveAt(0);
                }
                else
                {
                    throw new InvalidOperationException($"moto execution ended {described.Status}: {described.Error} {described.Cause}");
                }
            }
            watch.Stop();
            return Math.Round((double)concurrency * (iterations * 3 + 1) / watch.Elapsed.TotalSeconds);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task EnableExecutionAsync(Uri baseUri)
    {
        using var http = new HttpClient { BaseAddress = baseUri };
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // A StringContent (known length): moto's werkzeug answers 500 to a chunked body.
                using var body = new StringContent("""{"stepfunctions":{"execute_state_machine":true}}""", System.Text.Encoding.UTF8, "application/json");
                (await http.PostAsync("moto-api/config", body)).EnsureSuccessStatusCode();
                return;
            }
            catch (HttpRequestException) when (watch.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(100);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
