using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SmsOnboarding.Api.Auth;
using SmsOnboarding.Api.Hosting;
using SmsOnboarding.Api.Http;
using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Serve.Simulation;
using SmsOnboarding.Simulator;

namespace SmsOnboarding.Serve.Hosting;

/// <summary>
/// The one local process: HTTP API, web UI and the AWS-compatible endpoints (engine and simulator) on
/// 127.0.0.1:PORT. Stopping it stops the web host first, then the backends (which flushes the engine).
/// </summary>
public sealed class ServeHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ServeBackends _backends;
    private int _disposed;

    private ServeHost(WebApplication app, ServeBackends backends, Uri baseUri, UserDirectory users)
    {
        _app = app;
        _backends = backends;
        BaseUri = baseUri;
        Users = users;
    }

    /// <summary>e.g. http://127.0.0.1:8080/</summary>
    public Uri BaseUri { get; }

    public UserDirectory Users { get; }

    /// <summary>Onboardings stored without an execution (a submit cut short by a crash) that startup started.</summary>
    public int StartedAtStartup { get; private init; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ServeHost> StartAsync(ServeOptions options, ServeBackends backends, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(backends);
        var users = options.UsersFile is null ? UserDirectory.Demo() : UserDirectory.LoadFile(options.UsersFile);
        Directory.CreateDirectory(options.DataDirectory);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, options.Port));
        ConfigureLogging(builder, options);
        ConfigureTelemetry(builder);
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton(users);
        builder.Services.AddOnboardingApi(new OnboardingBackends(
            backends.Runtime,
            new SqliteOnboardingStore(Path.Combine(options.DataDirectory, "onboardings.db")),
            backends.Tasks,
            backends.Time,
            backends.Facts,
            backends.ServiceAccountId,
            backends.AccountFacts,
            backends.AccountWork));

        var app = builder.Build();
        if (backends.AwsSimulator is { } simulated)
        {
            RegisterPeopleKeys(users, simulated.Account);
        }
        app.UseAwsProtocolRouting(users, backends.AwsSimulator, backends.StepFunctionsEndpoint);
        app.MapOpenApi();
        app.MapEmbeddedUi();
        var auth = new BearerAuthentication(users);
        app.MapOnboardingApi(auth);
        var sim = app.MapGroup("/sim").AddEndpointFilter(RequestSizeLimit.Instance).AddEndpointFilter(auth);
        if (backends.Simulator is not null)
        {
            SimEndpoints.Map(sim, backends.Simulator);
        }
        else
        {
            SimEndpoints.MapUnavailable(sim);
        }
        OnboardingApi.MapNotFound(sim);

        // Before the port opens no submit of this process can be half done, so no grace: a record a crash left
        // without its execution is started now, not on the first read.
        var reconciled = await app.Services.GetRequiredService<OnboardingService>().StartStrandedAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ServeHost(app, backends, new Uri(address + "/"), users) { StartedAtStartup = reconciled };
    }

    /// <summary>
    /// One identity per person on every AWS endpoint of the port (decision 0017): the simulated services know each
    /// user's key as an IAM user of the account (ops administer it; the others hold no AWS permissions there).
    /// </summary>
    private static void RegisterPeopleKeys(UserDirectory users, SimulatedAccount account)
    {
        foreach (var (user, accessKeyId, secret) in users.AccessKeys)
        {
            if (accessKeyId != SimulatorCredentials.AccessKeyId)
            {
                account.AddUserAccessKey(user.Name, accessKeyId, secret, administrator: user.Roles.Contains(Roles.Ops));
            }
        }
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.WaitForShutdownAsync(_app, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        if (_backends.Shutdown is not null)
        {
            await _backends.Shutdown().ConfigureAwait(false);
        }
    }

    private static void ConfigureLogging(WebApplicationBuilder builder, ServeOptions options)
    {
        builder.Logging.ClearProviders();
        if (!options.ConsoleLogging)
        {
            return;
        }
        if (options.LogFormat == LogFormat.Json)
        {
            builder.Logging.AddJsonConsole(o => o.UseUtcTimestamp = true);
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
    }

    // Traces and metrics are always collected (cheap); they leave the process only when an OTLP endpoint is set.
    private static void ConfigureTelemetry(WebApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));
        builder.Services.AddOpenTelemetry()
            .WithTracing(t =>
            {
                t.AddSource(OnboardingService.Activity.Name, "Microsoft.AspNetCore");
                if (otlp)
                {
                    t.AddOtlpExporter();
                }
            })
            .WithMetrics(m =>
            {
                m.AddMeter(OnboardingService.Meter.Name, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel");
                if (otlp)
                {
                    m.AddOtlpExporter();
                }
            });
    }
}
