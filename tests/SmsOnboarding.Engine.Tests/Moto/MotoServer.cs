using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SmsOnboarding.Engine.Tests.Moto;

/// <summary>A moto_server child process on a free loopback port, with Step Functions execution switched on.</summary>
internal sealed class MotoServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;

    private MotoServer(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
        _http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri BaseUri { get; }

    public static string? ExecutablePath { get; } = FindOnPath("moto_server");

    public static async Task<MotoServer> StartAsync()
    {
        var executable = ExecutablePath ?? throw new InvalidOperationException("moto_server is not on PATH");
        var port = FreeLoopbackPort();
        var process = Process.Start(new ProcessStartInfo(executable, ["-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        // moto logs every request; drain both pipes so it never blocks on a full buffer.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new MotoServer(process, new Uri($"http://127.0.0.1:{port}/"));
        await server.WaitUntilListeningAsync();
        await server.ResetAsync();
        return server;
    }

    /// <summary>
    /// Forgets every state machine and turns execution on again. Needed between cases: after an execution fails
    /// with States.Runtime moto answers 500 to every later call until reset.
    /// </summary>
    public async Task ResetAsync()
    {
        (await _http.PostAsync("moto-api/reset", null)).EnsureSuccessStatusCode();
        // A StringContent (known length): moto's werkzeug answers 500 to the chunked body JsonContent would send.
        using var config = new StringContent("""{"stepfunctions":{"execute_state_machine":true}}""", System.Text.Encoding.UTF8, "application/json");
        (await _http.PostAsync("moto-api/config", config)).EnsureSuccessStatusCode();
    }

    private async Task WaitUntilListeningAsync()
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"moto_server exited with code {_process.ExitCode} before listening");
            }
            try
            {
                using var response = await _http.GetAsync("moto-api/config");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (watch.Elapsed < TimeSpan.FromSeconds(30))
            {
                // Still starting (python imports take a few seconds on a busy machine).
            }
            await Task.Delay(100);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
