using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace SmsOnboarding.Aws.Tests.Support;

/// <summary>A real HTTP server on 127.0.0.1 answering from a script of responders (status codes, dropped connections, hangs).</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<Func<HttpListenerContext, Task>> _script = new();
    private readonly Func<HttpListenerContext, Task> _fallback;
    private readonly Channel<CapturedRequest> _arrivals = Channel.CreateUnbounded<CapturedRequest>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LoopbackServer(Func<HttpListenerContext, Task>? fallback = null)
    {
        _fallback = fallback ?? (ctx => Respond(ctx, 200, "{}"));
        for (var attempt = 0; ; attempt++)
        {
            Port = FreePort();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }
        _loop = Task.Run(AcceptLoop);
    }

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    public ConcurrentQueue<CapturedRequest> Requests { get; } = new();

    public void Enqueue(params Func<HttpListenerContext, Task>[] responders)
    {
        foreach (var r in responders)
        {
            _script.Enqueue(r);
        }
    }

    /// <summary>Completes when the next request has arrived (in arrival order).</summary>
    public ValueTask<CapturedRequest> NextArrivalAsync(CancellationToken ct) => _arrivals.Reader.ReadAsync(ct);

    public static Func<HttpListenerContext, Task> Status(int status, string body, string contentType = "application/x-amz-json-1.1") =>
        ctx => Respond(ctx, status, body, contentType);

    /// <summary>Sends the head and part of the body, then closes the connection (the transport cannot resend this one itself).</summary>
    public static Func<HttpListenerContext, Task> Drop() => async ctx =>
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentLength64 = 1000;
        await ctx.Response.OutputStream.WriteAsync("{\"UserPool\":"u8.ToArray());
        await ctx.Response.OutputStream.FlushAsync();
        ctx.Response.Abort();
    };

    /// <summary>Never answers (until the server stops): exercises per-attempt timeouts.</summary>
    public Func<HttpListenerContext, Task> Hang() => async ctx =>
    {
        try
        {
            await Task.Delay(Timeout.Infinite, _stop.Token);
        }
        catch (OperationCanceledException)
        {
            ctx.Response.Abort();
        }
    };

    public static async Task Respond(HttpListenerContext ctx, int status, string body, string contentType = "application/x-amz-json-1.1")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = contentType;
        ctx.Response.Headers["x-amzn-RequestId"] = "loopback-request";
        ctx.Response.ContentLength64 = bytes.Length;
        await ctx.Response.OutputStream.WriteAsync(bytes);
        ctx.Response.Close();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext ctx;
            try
            {
                ctx = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            using var reader = new StreamReader(ctx.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = ctx.Request.Headers.AllKeys.OfType<string>()
                .ToDictionary(k => k, k => ctx.Request.Headers[k] ?? string.Empty, StringComparer.OrdinalIgnoreCase);
            var captured = new CapturedRequest(ctx.Request.HttpMethod, ctx.Request.Url!, headers, body);
            Requests.Enqueue(captured);
            var responder = _script.TryDequeue(out var r) ? r : _fallback;
            _ = Task.Run(() => responder(ctx));
            await _arrivals.Writer.WriteAsync(captured);
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
        }
        _stop.Dispose();
    }
}
