using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace SmsOnboarding.Cli.Tests.Support;

/// <summary>
/// The real <c>smsonboard serve</c> in a child process, so its environment (credential chain, endpoint
/// variables) is the child's own and a test never mutates this process's environment.
/// </summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartupDeadline = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private ServeProcess(Process process, string dataDirectory)
    {
        _process = process;
        DataDirectory = dataDirectory;
    }

    public Uri? BaseUri { get; private set; }
    public string DataDirectory { get; }
    public string Output { get { lock (_output) { return _output.ToString(); } } }
    public string Error { get { lock (_error) { return _error.ToString(); } } }

    /// <summary>Starts serve with exactly <paramref name="environment"/> for the AWS_* variables (every inherited AWS_* is removed).</summary>
    public static ServeProcess Start(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var data = Path.Combine(Path.GetTempPath(), "smsonboard-serve-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "smsonboard.dll"));
        start.ArgumentList.Add("serve");
        foreach (var argument in arguments.Concat(["--port", "0", "--data", data]))
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }
        // No shared config/credentials files and no instance metadata: only what the test gives counts.
        start.Environment["HOME"] = data;
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var serve = new ServeProcess(process, data);
        process.OutputDataReceived += (_, e) => serve.Append(serve._output, e.Data);
        process.ErrorDataReceived += (_, e) => serve.Append(serve._error, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return serve;
    }

    /// <summary>Waits for the "serving on" line; fails with everything the process said if it exits or stalls first.</summary>
    public async Task<Uri> WaitUntilServingAsync()
    {
        var deadline = DateTime.UtcNow + StartupDeadline;
        while (DateTime.UtcNow < deadline)
        {
            if (ServingOn().Match(Output) is { Success: true } match)
            {
                return BaseUri = new Uri(match.Groups[1].Value);
            }
            if (_process.HasExited)
            {
                break;
            }
            await Task.Delay(50);
        }
        throw new InvalidOperationException($"serve is not serving (exited: {_process.HasExited}).\nstdout:\n{Output}\nstderr:\n{Error}");
    }

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(StartupDeadline);
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = BaseUri ?? throw new InvalidOperationException("not serving yet") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    private void Append(StringBuilder sink, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (sink)
        {
            sink.AppendLine(line);
        }
    }

    [GeneratedRegex(@"smsonboard serving on (http://\S+/)")]
    private static partial Regex ServingOn();
}
