using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SmsOnboarding.Testing;

/// <summary>
/// A moto_server child process on a free loopback port, answering once <see cref="StartAsync"/> returns. The one
/// place the test projects start it; each keeps its own fixture for what it does with it (tables, resets).
/// It answers one request at a time (<c>one_request_at_a_time_moto.py</c> says why: DynamoDB's conditional writes are
/// atomic, moto's are not across its request threads).
/// </summary>
public sealed class MotoServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartupDeadline = TimeSpan.FromSeconds(40);
    private readonly Process _process;

    private MotoServerProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
    }

    /// <summary>moto_server on PATH, or null (the moto tests are then skipped, saying so).</summary>
    public static string? Executable { get; } = FindOnPath("moto_server");

    public static bool IsInstalled => Executable is not null;

    /// <summary>e.g. http://127.0.0.1:54321/</summary>
    public Uri BaseUri { get; }

    public static async Task<MotoServerProcess> StartAsync()
    {
        _ = Executable ?? throw new InvalidOperationException("moto_server is not on PATH (pip install 'moto[server]').");
        var python = FindOnPath("python3") ?? throw new InvalidOperationException("python3 is not on PATH, though moto_server is.");
        var script = Path.Combine(AppContext.BaseDirectory, "one_request_at_a_time_moto.py");
        var port = FreeLoopbackPort();
        var process = Process.Start(new ProcessStartInfo(python, [script, "127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("moto_server did not start.");
        // moto logs every request; drain both pipes so it never blocks on a full buffer.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new MotoServerProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await server.WaitUntilListeningAsync().ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return server;
    }

    // Readiness of a child process is wall-clock by nature (python imports take seconds on a busy machine); the
    // tests themselves never wait on time.
    private async Task WaitUntilListeningAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < StartupDeadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"moto_server exited with code {_process.ExitCode} before listening.");
            }
            try
            {
                using var response = await http.GetAsync(new Uri(BaseUri, "moto-api/")).ConfigureAwait(false);
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
            await Task.Delay(100).ConfigureAwait(false);
        }
        throw new TimeoutException($"moto_server did not answer within {StartupDeadline.TotalSeconds:0} s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
        _process.Dispose();
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
}
