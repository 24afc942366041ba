using System.Diagnostics;
using System.Net.Sockets;
using SmsOnboarding.Aws.Runtime;

namespace SmsOnboarding.Aws.Tests.Support;

/// <summary>Starts one <c>moto_server</c> on a free loopback port for the collection and stops it afterwards.</summary>
public sealed class MotoServerFixture : IAsyncLifetime
{
    private Process? _process;

    public static string? Executable { get; } = FindOnPath("moto_server");

    public Uri Url { get; private set; } = new("http://127.0.0.1:1/");

    public AwsClientConfig Config(string region = "us-east-1") => new()
    {
        Region = region,
        ServiceUrl = Url,
        Credentials = ClientEntry.TestCredentials,
        EnvironmentVariable = _ => null,
        Retry = new RetryOptions { MaxAttempts = 1 },
    };

    public async Task InitializeAsync()
    {
        if (Executable is null)
        {
            return;
        }
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo(Executable, ["-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("moto_server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilReady();
    }

    // Process start-up happens in real time; this is the only real wait in the suite and it is bounded.
    private async Task WaitUntilReady()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(40))
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"moto_server exited with code {_process.ExitCode}.");
            }
            try
            {
                using var response = await http.GetAsync(new Uri(Url, "moto-api/"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("moto_server did not answer within 40 s.");
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process?.Dispose();
        return Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}

[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoServerFixture>
{
    public const string Name = "moto_server";
}

/// <summary>A fact that is skipped, saying why, only when moto_server is not on PATH.</summary>
public sealed class MotoFactAttribute : FactAttribute
{
    public MotoFactAttribute()
    {
        if (MotoServerFixture.Executable is null)
        {
            Skip = "moto_server is not on PATH (pip install 'moto[server]'); the moto interoperability tests cannot run.";
        }
    }
}
