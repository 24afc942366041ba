using SmsOnboarding.Testing;

namespace SmsOnboarding.Engine.Tests.Moto;

/// <summary>A moto_server child process with Step Functions execution switched on.</summary>
internal sealed class MotoServer : IAsyncDisposable
{
    private readonly MotoServerProcess _process;
    private readonly HttpClient _http;

    private MotoServer(MotoServerProcess process)
    {
        _process = process;
        _http = new HttpClient { BaseAddress = process.BaseUri, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri BaseUri => _process.BaseUri;

    public static async Task<MotoServer> StartAsync()
    {
        var server = new MotoServer(await MotoServerProcess.StartAsync());
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

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.DisposeAsync();
    }
}
