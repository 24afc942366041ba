using SmsOnboarding.Serve;
using SmsOnboarding.Serve.Hosting;

namespace SmsOnboarding.Cli.Tests.Support;

/// <summary>What <c>smsonboard serve</c> runs (demo account, demo users unless given a users file), in this process on a free port.</summary>
internal sealed class LocalServer : IAsyncDisposable
{
    private readonly string _data;

    private LocalServer(string data, ServeHost host)
    {
        _data = data;
        Host = host;
    }

    public ServeHost Host { get; }

    public string Endpoint => Host.BaseUri.ToString();

    /// <param name="usersFile">A users file instead of the demo users.</param>
    public static async Task<LocalServer> StartAsync(string? usersFile = null)
    {
        var data = Path.Combine(Path.GetTempPath(), "smsonboard-cli-" + Guid.NewGuid().ToString("N"));
        var (stack, _) = await LocalServe.CreateAsync(new LocalServeOptions { DataDirectory = data });
        var host = await ServeHost.StartAsync(new ServeOptions { Port = 0, DataDirectory = data, UsersFile = usersFile, ConsoleLogging = false }, stack);
        return new LocalServer(data, host);
    }

    public Dictionary<string, string> As(string token) => new() { ["SMSONBOARD_TOKEN"] = token, ["SMSONBOARD_ENDPOINT"] = Endpoint };

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }
}
