using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator.Hosting;

public static class SimulatorEndpoints
{
    /// <summary>
    /// Maps the simulator's own (non-AWS) endpoints: <c>GET /sim/phones/{e164}/messages</c> returns the
    /// phone's inbox as <c>[{"from","body","sentAt"}]</c>. Unauthenticated: for local use only.
    /// </summary>
    public static IEndpointRouteBuilder MapSimulatorEndpoints(this IEndpointRouteBuilder endpoints, SimulatedAccount account)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(account);
        endpoints.MapGet("/sim/phones/{e164}/messages", (string e164) =>
            Results.Json(account.MessagesTo(e164).Select(m => new PhoneMessageDto(m.From, m.Body, m.SentAt))));
        return endpoints;
    }

    /// <summary>
    /// Sends every request signed for a simulated service to <paramref name="server"/> (others continue down
    /// the pipeline), so the simulator can share a port with another app.
    /// </summary>
    public static IApplicationBuilder UseSimulator(this IApplicationBuilder app, SimulatorServer server)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(server);
        return app.Use(async (HttpContext context, RequestDelegate next) =>
        {
            if (server.Serves(context.Request))
            {
                await server.HandleAsync(context).ConfigureAwait(false);
                return;
            }
            await next(context).ConfigureAwait(false);
        });
    }
}

/// <summary>The inbox item as JSON (camelCase: from, body, sentAt).</summary>
public sealed record PhoneMessageDto(string From, string Body, DateTimeOffset SentAt);
