using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SmsOnboarding.EndToEnd.Tests.KillNine;

/// <summary>
/// The real <c>smsonboard serve</c> (the CLI's smsonboard.dll) in a child process on a free loopback port, talked to
/// only over HTTP, and killed with SIGKILL (<see cref="Process.Kill(bool)"/> on Linux): nothing runs at exit.
/// </summary>
internal sealed partial class ServeChild : IAsyncDisposable
{
    private static readonly TimeSpan StartupDeadline = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly Dictionary<string, HttpClient> _clients = [];

    private ServeChild(Process process) => _process = process;

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Everything the process printed (for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<ServeChild> StartAsync(string dataDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "smsonboard.dll"), "serve", "--port", "0", "--data", dataDirectory, "--clock", "skip" })
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("SMSONBOARD_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var child = new ServeChild(process);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await child.WaitUntilServingAsync();
        return child;
    }

    /// <summary>kill -9 of serve and everything it started; returns once the process is gone.</summary>
    public async Task KillNineAsync()
    {
        _process.Kill(entireProcessTree: true);
        using var deadline = new CancellationTokenSource(StartupDeadline);
        await _process.WaitForExitAsync(deadline.Token);
    }

    public HttpClient As(string token)
    {
        if (!_clients.TryGetValue(token, out var client))
        {
            client = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            _clients[token] = client;
        }
        return client;
    }

    public async Task<JsonNode> GetAsync(string token, string path)
    {
        using var response = await As(token).GetAsync(new Uri(path, UriKind.Relative));
        return await ReadAsync(response, $"GET {path}");
    }

    public async Task<JsonNode> PostAsync(string token, string path, JsonNode body)
    {
        using var response = await As(token).PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        return await ReadAsync(response, $"POST {path}");
    }

    /// <summary>Polls the child's API until <paramref name="condition"/> holds (bounded: a hang fails with the child's log).</summary>
    public async Task<T> WaitForAsync<T>(string what, Func<Task<T?>> condition, TimeSpan? within = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (await condition() is { } value)
            {
                return value;
            }
            if (_process.HasExited)
            {
                break;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"Waited in vain for {what} (serve exited: {_process.HasExited}).\n{Log}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
        if (!_process.HasExited)
        {
            await KillNineAsync();
        }
        _process.Dispose();
    }

    private async Task WaitUntilServingAsync()
    {
        var deadline = DateTime.UtcNow + StartupDeadline;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            if (ServingOn().Match(Log) is { Success: true } match)
            {
                BaseUri = new Uri(match.Groups[1].Value);
                return;
            }
            await Task.Delay(50);
        }
        throw new InvalidOperationException($"serve is not serving (exited: {_process.HasExited}).\n{Log}");
    }

    private async Task<JsonNode> ReadAsync(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{what}: {(int)response.StatusCode} {text}\n{Log}");
        return JsonNode.Parse(text) ?? throw new InvalidOperationException($"{what}: empty body");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    [GeneratedRegex(@"smsonboard serving on (http://\S+/)")]
    private static partial Regex ServingOn();
}
