using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmsOnboarding.Api.Hosting;

namespace SmsOnboarding.Api.Lambda;

/// <summary>
/// The API (<see cref="OnboardingApi"/>) behind IAM principal mapping instead of bearer tokens, as an in-process
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

    public static LambdaPipeline Build(OnboardingBackends backends, PrincipalDirectory principals)
    {
        ArgumentNullException.ThrowIfNull(backends);
        ArgumentNullException.ThrowIfNull(principals);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddOnboardingApi(backends);

        var app = builder.Build();
        // WebApplication adds routing itself only when its host starts; here it never does.
        app.UseRouting();
        app.MapOnboardingApi(new IamAuthentication(principals));
        app.UseEndpoints(_ => { });
        return new LambdaPipeline(app, ((IApplicationBuilder)app).Build());
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
