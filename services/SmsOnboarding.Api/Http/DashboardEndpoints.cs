using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmsOnboarding.Api.Auth;
using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Api.Workflow;
using SmsOnboarding.Domain.Lifecycle;

namespace SmsOnboarding.Api.Http;

internal static class DashboardEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/me", (HttpContext http) =>
        {
            var caller = BearerAuthentication.Caller(http);
            return Results.Json(new
            {
                name = caller.Name,
                roles = caller.Roles.Order(StringComparer.Ordinal),
                team = caller.Team,
                teamAccounts = caller.TeamAccounts?.Order(StringComparer.Ordinal),
                approverAccounts = caller.ApproverAccounts?.Order(StringComparer.Ordinal),
            }, ApiJson.Options);
        }).WithTags("Health").WithSummary("Who the token belongs to, their team and the accounts they act on (absent: any)");

        api.MapGet("/workflow", (OnboardingService service, IOnboardingRuntime runtime) =>
        {
            var laid = WorkflowDiagrams.For(runtime.DefinitionJson);
            return Results.Json(new { startAt = service.Map.StartAt, states = service.Map.States, diagram = laid.Diagram, diagramProblem = laid.Problem }, ApiJson.Options);
        }).WithTags("Onboardings").WithSummary("States of the state machine, each with its role, and the diagram laid out from the ASL (boxes, edge polylines, branch frames)");

        api.MapGet("/dashboard", async (HttpContext http, OnboardingService service, TimeProvider time, CancellationToken ct) =>
        {
            var caller = BearerAuthentication.Caller(http);
            if (!QueryValue.TryInt(http, "stuckMinutes", out var stuckMinutes, out var invalid))
            {
                return invalid!;
            }
            var threshold = TimeSpan.FromMinutes(stuckMinutes ?? 60);
            var all = new List<OnboardingSummary>();
            string? cursor = null;
            do
            {
                var page = (await service.ListAsync(caller, null, null, null, null, cursor, OnboardingService.MaxPageSize, ct).ConfigureAwait(false)).Value!;
                all.AddRange(page.Items);
                cursor = page.NextCursor;
            }
            while (cursor is not null);
            var counts = Enum.GetValues<OnboardingStatus>().ToDictionary(s => s.ToWire(), s => all.Count(o => o.Status == s));
            var now = time.GetUtcNow();
            var stuck = new List<object>();
            foreach (var o in all.Where(o => o.Status is not (OnboardingStatus.Completed or OnboardingStatus.Cancelled or OnboardingStatus.Failed)))
            {
                if (o.InCurrentStepSince is { } since && now - since > threshold)
                {
                    stuck.Add(new { o.Id, o.Pool, o.Team, state = o.CurrentStep, since, minutes = (int)(now - since).TotalMinutes });
                }
            }
            var failures = all.Where(o => o.Status == OnboardingStatus.Failed).Select(o => new { o.Id, o.Pool, o.Team, cause = o.Failure });
            return Results.Json(new { counts, stuckMinutes = (int)threshold.TotalMinutes, stuck, failures }, ApiJson.Options);
        }).RequirePolicy(Policies.Ops).WithTags("Onboardings").WithSummary("Counts by status, onboardings stuck in one state too long, failures with cause (ops)");
    }
}
