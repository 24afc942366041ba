using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmsOnboarding.Api.Auth;
using SmsOnboarding.Api.Tasks;
using SmsOnboarding.Domain.Requests;

namespace SmsOnboarding.Api.Http;

internal static class TaskEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/tasks").WithTags("Tasks");

        group.MapGet("/", async (HttpContext http, TaskService tasks, CancellationToken ct) =>
            Results.Json(await tasks.ListAsync(BearerAuthentication.Caller(http), ct).ConfigureAwait(false), ApiJson.Options))
            .WithSummary("Pending human tasks the caller may see; canComplete says whether they may act");

        group.MapPost("/{id}/complete", async (HttpContext http, TaskService tasks, string id, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.ReadAsync(http, ct).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }
            if (body is not null and not JsonObject)
            {
                return ApiResults.Error(400, "invalidInput", $"The body must be a JSON object such as {{\"code\": \"123456\"}}, not {JsonKinds.Describe(body)}.");
            }
            return (await tasks.CompleteAsync(BearerAuthentication.Caller(http), id, body as JsonObject, ct).ConfigureAwait(false)).ToResult();
        }).WithSummary("Complete: {\"code\"} | {\"resend\": true} | {\"caseId\"} | {\"approved\",\"note\"}");

        group.MapPost("/{id}/reject", async (HttpContext http, TaskService tasks, string id, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.ReadAsync(http, ct).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }
            if (body is not null and not JsonObject)
            {
                return ApiResults.Error(400, "invalidInput", $"The body must be a JSON object such as {{\"reason\": \"...\"}}, not {JsonKinds.Describe(body)}.");
            }
            return (await tasks.RejectAsync(BearerAuthentication.Caller(http), id, body as JsonObject, ct).ConfigureAwait(false)).ToResult();
        }).WithSummary("Reject with {\"reason\"}: the workflow gets a task failure");
    }
}
