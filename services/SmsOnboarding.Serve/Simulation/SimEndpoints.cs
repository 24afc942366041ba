using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmsOnboarding.Api;
using SmsOnboarding.Api.Auth;
using SmsOnboarding.Api.Http;
using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Domain.Phones;
using SmsOnboarding.Simulator.Scenarios;

namespace SmsOnboarding.Serve.Simulation;

public static class SimEndpoints
{
    /// <summary>Simulator-mode endpoints; phones carry OTPs and topics carry reminders (masked phones, case texts), so only approvers and ops read them.</summary>
    public static void Map(RouteGroupBuilder sim, ISimulatorControl control)
    {
        sim.WithTags("Sim");

        sim.MapGet("/phones", async (IOnboardingStore store, CancellationToken ct) =>
        {
            // Verification codes reach handsets outside the publish log, so the sandbox numbers of
            // onboardings are looked at too; only phones with messages are listed.
            var page = await store.QueryAsync(new OnboardingQuery(null, null, null, null, null, 200), ct).ConfigureAwait(false);
            var numbers = page.Items.SelectMany(r => JsonNode.Parse(r.RequestJson)?["sandboxNumbers"]?.AsArray().Select(n => (string?)n) ?? [])
                .OfType<string>();
            var phones = control.Phones().Concat(numbers).Distinct(StringComparer.Ordinal).Where(p => control.MessagesTo(p).Count > 0).ToList();
            return Results.Json(phones, ApiJson.Options);
        }).RequirePolicy(Policies.ApproverOrOps).WithSummary("Phones that received an SMS");

        sim.MapGet("/phones/{e164}/messages", (string e164) =>
        {
            if (!E164.TryNormalize(e164, out var number, out var problem))
            {
                return ApiResults.Error(400, "invalidPhone", $"'{e164}' is not a phone number: {problem}");
            }
            return Results.Json(control.MessagesTo(number).Select(m => new { m.From, m.Body, m.SentAt }), ApiJson.Options);
        }).RequirePolicy(Policies.ApproverOrOps).WithSummary("SMS received by a simulated handset, oldest first: [{from, body, sentAt}]");

        sim.MapGet("/topics/{name}/messages", (string name) =>
        {
            if (name.Length is 0 or > 256 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return ApiResults.Error(400, "invalidTopicName", $"'{name}' is not an SNS topic name (1-256 letters, digits, '-' and '_').");
            }
            return Results.Json(control.TopicMessages(name).Select(m => new { m.MessageId, m.TopicArn, m.Subject, m.Message, m.PublishedAt }), ApiJson.Options);
        }).RequirePolicy(Policies.ApproverOrOps).WithSummary("Messages published to an SNS topic of the simulated account (e.g. sms-onboarding-reminders), oldest first");

        sim.MapPost("/clock/advance", async (HttpContext http, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.ReadAsync(http, ct).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }
            double seconds;
            try
            {
                seconds = body?["seconds"]?.GetValue<double>() ?? -1;
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException)
            {
                seconds = -1;
            }
            if (seconds is <= 0 or > 366 * 86400)
            {
                return ApiResults.Error(400, "invalidInput", "Body must be {\"seconds\": N} with 0 < N <= 31622400.");
            }
            if (!control.TryAdvance(TimeSpan.FromSeconds(seconds)))
            {
                return ApiResults.Error(409, "clockNotSkippable", "serve runs on wall-clock time; start it with --clock skip to advance time.");
            }
            return Results.Json(new { now = control.Now }, ApiJson.Options);
        }).RequirePolicy(Policies.ApproverOrOps).WithSummary("Move the simulated clock forward: {\"seconds\": N}");

        sim.MapPost("/support-center/cases", async (HttpContext http, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.ReadAsync(http, ct).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }
            var subject = body?["subject"] is JsonValue s && s.TryGetValue<string>(out var sv) ? sv : null;
            var text = body?["body"] is JsonValue b && b.TryGetValue<string>(out var bv) ? bv : null;
            if (string.IsNullOrWhiteSpace(subject) || string.IsNullOrWhiteSpace(text) || subject.Length > 255 || text.Length > 8000)
            {
                return ApiResults.Error(400, "invalidInput", "Body must be {\"subject\": \"...\" (1-255 characters), \"body\": \"...\" (1-8000 characters)}.");
            }
            var accountId = body?["accountId"] is JsonValue a && a.TryGetValue<string>(out var av) ? av : null;
            if (body?["accountId"] is { } given && (accountId is null || accountId.Length != 12 || !accountId.All(char.IsAsciiDigit)))
            {
                return ApiResults.Error(400, "invalidInput", $"accountId must be 12 digits; it is {given.ToJsonString()}.");
            }
            return control.FileCaseInSupportCenter(subject, text, accountId) is { } filed
                ? Results.Json(filed, ApiJson.Options)
                : ApiResults.Error(404, "unknownAccount", $"Account {accountId} is not an account of the simulated organisation.");
        }).RequirePolicy(Policies.ApproverOrOps)
            .WithSummary("File a case as a person does on the Support Center's Create Case page (the path AWS documents for limit increases), signed in to accountId (default: the simulated account): {subject, body, accountId?} → {caseId, displayId}");

        sim.MapGet("/scenario", () => Results.Text(control.ScenarioJson(), "application/json"))
            .RequirePolicy(Policies.Ops).WithSummary("The simulator scenario in effect");

        sim.MapPut("/scenario", async (HttpContext http, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.ReadAsync(http, ct).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }
            try
            {
                control.ReplaceScenario(body?.ToJsonString() ?? "null");
            }
            catch (ScenarioException e)
            {
                return ApiResults.Error(400, "invalidScenario", e.Message, [new { field = e.Field }]);
            }
            return Results.Text(control.ScenarioJson(), "application/json");
        }).RequirePolicy(Policies.Ops).WithSummary("Replace the scenario rules for everything decided from now on");
    }

    public static void MapUnavailable(RouteGroupBuilder sim) =>
        sim.MapMethods("/{**rest}", ["GET", "POST", "PUT"], () =>
            ApiResults.Error(404, "notSimulated", "serve runs against real AWS (--aws real): there is no simulator."));
}
