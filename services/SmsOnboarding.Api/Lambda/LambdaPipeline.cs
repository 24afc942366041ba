using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsOnboarding.Api.Http;
using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Api.Simulation;
using SmsOnboarding.Api.Tasks;

namespace SmsOnboarding.Api.Lambda;

/// <summary>What the API runs on in AWS (built once per cold start).</summary>
public sealed record LambdaServices(
    IOnboardingRuntime Runtime,
    IOnboardingStore Store,
    ITaskDesk Tasks,
    PrincipalDirectory Principals,
    TimeProvider Time);

/// <summary>
/// The serve host's endpoints, behind IAM principal mapping instead of bearer tokens, as an in-process
/// <see cref="RequestDelegate"/>: no server is ever started, the entry point feeds it HttpContexts.
/// </summary>
public sealed class LambdaPipeline : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LambdaPipeline(WebApplication app, RequestDelegate handler)
    {
        _app = app;
        Handler = handler;
    }

    public RequestDelegate Handler { get; }

    public IServiceProvider Services => _app.Services;

    public static LambdaPipeline Build(LambdaServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<JsonOptions>(o => ApiJson.Apply(o.SerializerOptions));
        builder.Services.AddSingleton(services.Time);
        builder.Services.AddSingleton(services.Runtime);
        builder.Services.AddSingleton(services.Tasks);
        builder.Services.AddSingleton(services.Store);
        builder.Services.AddSingleton<IFactsProbe, UnknownFacts>();
        builder.Services.AddSingleton<OnboardingService>();
        builder.Services.AddSingleton<TaskService>();

        var app = builder.Build();
        // WebApplication adds routing itself only when its host starts; here it never does.
        app.UseRouting();
        app.MapGet("/healthz", () => Results.Json(new { status = "ok" })).WithTags("Health").WithSummary("Liveness");
        var auth = new IamAuthentication(services.Principals);
        var api = app.MapGroup("/api").AddEndpointFilter(auth);
        OnboardingEndpoints.Map(api);
        TaskEndpoints.Map(api);
        DashboardEndpoints.Map(api);
        SchemaEndpoints.Map(api);
        SimEndpoints.MapUnavailable(app.MapGroup("/sim").AddEndpointFilter(auth));
        app.UseEndpoints(_ => { });
        return new LambdaPipeline(app, ((IApplicationBuilder)app).Build());
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
