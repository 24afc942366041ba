using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsOnboarding.Simulator.Auth;

namespace SmsOnboarding.Simulator.Hosting;

/// <summary>A stand-alone simulator on 127.0.0.1 (tests, the <c>simulator</c> command).</summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorHost(WebApplication app, SimulatorServer server, Uri baseUri)
    {
        _app = app;
        Server = server;
        BaseUri = baseUri;
    }

    public SimulatorServer Server { get; }
    public SimulatedAccount Account => Server.Account;

    /// <summary>e.g. http://127.0.0.1:54321/ — use as the endpoint URL of every simulated service.</summary>
    public Uri BaseUri { get; }

    /// <summary>Starts listening on 127.0.0.1:<paramref name="port"/> (0 = any free port).</summary>
    public static async Task<SimulatorHost> StartAsync(SimulatedAccount account, int port = 0, CancellationToken cancellationToken = default) =>
        await StartAsync(account, port, verifier: null, cancellationToken).ConfigureAwait(false);

    /// <summary>As above, with a custom SigV4 verifier (e.g. one whose signing clock is fake, to test expiry).</summary>
    public static async Task<SimulatorHost> StartAsync(SimulatedAccount account, int port, SigV4Verifier? verifier, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // The embedding program owns Ctrl-C/SIGTERM (e.g. System.CommandLine's cancellation), not this host.
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, EmbeddedLifetime>();
        builder.WebHost.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, port));
        var app = builder.Build();
        var server = new SimulatorServer(account, verifier);
        app.MapSimulatorEndpoints(account);
        // Everything that is not a /sim endpoint is an AWS request: even an unsigned one gets AWS's error.
        app.Use(async (context, next) =>
        {
            if (Microsoft.AspNetCore.Http.EndpointHttpContextExtensions.GetEndpoint(context) is null)
            {
                await server.HandleAsync(context).ConfigureAwait(false);
                return;
            }
            await next(context).ConfigureAwait(false);
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimulatorHost(app, server, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/"));
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

internal sealed class EmbeddedLifetime : Microsoft.Extensions.Hosting.IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
