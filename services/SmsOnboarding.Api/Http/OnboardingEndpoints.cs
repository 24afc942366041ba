using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmsOnboarding.Api.Auth;
using SmsOnboarding.Api.Onboardings;

namespace SmsOnboarding.Api.Http;

internal static class OnboardingEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/onboardings").WithTags("Onboardings");

        group.MapPost("/", async (HttpContext http, OnboardingService service, CancellationToken ct) =>
        {
            if (!QueryValue.TryBool(http, "dryRun", out var dryRun, out var invalid))
            {
                return invalid!;
            }
            var (body, error) = await JsonBody.ReadAsync(http, ct).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }
            if (dryRun)
            {
                return (await service.DryRunAsync(BearerAuthentication.Caller(http), body, ct).ConfigureAwait(false)).ToResult();
            }
            return (await service.SubmitAsync(BearerAuthentication.Caller(http), body, ct).ConfigureAwait(false)).ToResult();
        }).WithSummary("Validate and start an onboarding (idempotent by requestId); ?dryRun=true only validates and plans");

        group.MapPost("/validate", async (HttpContext http, OnboardingService service, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.ReadAsync(http, ct).ConfigureAwait(false);
            return error ?? (await service.DryRunAsync(BearerAuthentication.Caller(http), body, ct).ConfigureAwait(false)).ToResult();
        }).WithSummary("Every validation problem and, when valid, the dry-run plan");

        group.MapGet("/", async (HttpContext http, OnboardingService service, string? status, string? team, string? pool, string? account, string? cursor, CancellationToken ct) =>
        {
            if (!QueryValue.TryInt(http, "limit", out var limit, out var invalid))
            {
                return invalid!;
            }
            return (await service.ListAsync(BearerAuthentication.Caller(http), status, team, pool, account, cursor, limit, ct).ConfigureAwait(false)).ToResult();
        }).WithSummary("Onboardings visible to the caller, newest first; filter by status, team, pool, account; page with limit and the previous page's nextCursor");

        group.MapGet("/{id}", async (HttpContext http, OnboardingService service, string id, CancellationToken ct) =>
            (await service.GetAsync(BearerAuthentication.Caller(http), id, ct).ConfigureAwait(false)).ToResult())
            .WithSummary("Status, current step, plan and timeline");

        group.MapGet("/{id}/history", async (HttpContext http, OnboardingService service, string id, CancellationToken ct) =>
            (await service.HistoryAsync(BearerAuthentication.Caller(http), id, ct).ConfigureAwait(false)).ToResult())
            .WithSummary("Raw execution history events");

        group.MapPost("/{id}/cancel", async (HttpContext http, OnboardingService service, string id, CancellationToken ct) =>
            (await service.CancelAsync(BearerAuthentication.Caller(http), id, ct).ConfigureAwait(false)).ToResult())
            .WithSummary("Stop the execution (ops, or the requester for their own)");

        group.MapPost("/{id}/redrive", async (HttpContext http, OnboardingService service, string id, CancellationToken ct) =>
            (await service.RedriveAsync(BearerAuthentication.Caller(http), id, ct).ConfigureAwait(false)).ToResult())
            .WithSummary("Resume a failed execution from where it failed (ops)");
    }
}
