using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SmsOnboarding.Api.Accounts;
using SmsOnboarding.Api.Auth;
using SmsOnboarding.Api.Http;
using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Api.Tasks;
using SmsOnboarding.Steps.AccountWork;

namespace SmsOnboarding.Api.Hosting;

/// <summary>
/// What the API runs on, whichever host carries it (the local serve host or the API Lambda).
/// <see cref="ServiceAccountId"/> is the account the service runs in: a request that names no account is for it.
/// <see cref="AccountFacts"/> and <see cref="AccountWork"/> feed the ops' Accounts view (null: shown as unknown).
/// </summary>
public sealed record OnboardingBackends(
    IOnboardingRuntime Runtime,
    IOnboardingStore Store,
    ITaskDesk Tasks,
    TimeProvider Time,
    IFactsProbe Facts,
    string ServiceAccountId,
    IAccountFacts? AccountFacts = null,
    IAccountWorkStore? AccountWork = null);

/// <summary>
/// The API composed once: both hosts call <see cref="AddOnboardingApi"/> and <see cref="MapOnboardingApi"/>, and
/// differ only in how a caller is authenticated (bearer tokens locally, IAM principals behind API Gateway).
/// </summary>
public static class OnboardingApi
{
    public static IServiceCollection AddOnboardingApi(this IServiceCollection services, OnboardingBackends backends)
    {
        ArgumentNullException.ThrowIfNull(backends);
        services.Configure<JsonOptions>(o => ApiJson.Apply(o.SerializerOptions));
        services.AddSingleton(backends.Time);
        services.AddSingleton(backends.Runtime);
        services.AddSingleton(backends.Store);
        services.AddSingleton(backends.Tasks);
        services.AddSingleton(backends.Facts);
        services.AddSingleton(new ServiceAccount(backends.ServiceAccountId));
        services.AddSingleton(new AccountSources(backends.AccountFacts ?? new UnreadAccountFacts("this host reads no live AWS facts"), backends.AccountWork));
        services.AddSingleton<AccountsService>();
        services.AddOnboardingAuthorization();
        services.AddSingleton<OnboardingService>();
        services.AddSingleton<OnboardingStatusFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<OnboardingStatusFeed>());
        services.AddSingleton<TaskService>();
        return services;
    }

    /// <summary>Maps /healthz and the /api endpoints behind <paramref name="authentication"/>; returns the /api group.</summary>
    public static RouteGroupBuilder MapOnboardingApi(this IEndpointRouteBuilder endpoints, IEndpointFilter authentication)
    {
        endpoints.MapGet("/healthz", () => Results.Json(new { status = "ok" })).WithTags("Health").WithSummary("Liveness");
        var api = endpoints.MapGroup("/api").AddEndpointFilter(RequestSizeLimit.Instance).AddEndpointFilter(authentication);
        OnboardingEndpoints.Map(api);
        TaskEndpoints.Map(api);
        DashboardEndpoints.Map(api);
        AccountEndpoints.Map(api);
        SchemaEndpoints.Map(api);
        MapNotFound(api);
        return api;
    }

    /// <summary>A path under <paramref name="group"/> that no route takes is a 404 in the API's problem shape, not an empty one.</summary>
    public static void MapNotFound(RouteGroupBuilder group) =>
        group.MapFallback("{**path}", (HttpContext http) => ApiResults.NotFound($"There is no route {http.Request.Method} {http.Request.Path}; see /openapi/v1.json."))
            .ExcludeFromDescription();
}
