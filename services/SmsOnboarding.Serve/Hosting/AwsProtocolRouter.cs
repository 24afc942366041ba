using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SmsOnboarding.Simulator;
using SmsOnboarding.Simulator.Auth;

namespace SmsOnboarding.Serve.Hosting;

/// <summary>
/// Lets AWS clients use the serve port as their endpoint: requests carrying a SigV4 Authorization header are
/// routed by the signing name (<c>states</c> to the embedded engine, other services to the simulator) before
/// any API route sees them. The signature is checked against the local credentials either way.
/// </summary>
internal static class AwsProtocolRouter
{
    public static IApplicationBuilder UseAwsProtocolRouting(this IApplicationBuilder app, SimulatorServer? simulator, RequestDelegate? stepFunctions)
    {
        var verifier = SigV4Verifier.ForSimulator();
        return app.Use(async (HttpContext context, RequestDelegate next) =>
        {
            string? authorization = context.Request.Headers.Authorization;
            if (authorization is null || !authorization.StartsWith(SigV4Verifier.Algorithm, StringComparison.Ordinal))
            {
                await next(context).ConfigureAwait(false);
                return;
            }
            CredentialScope.TryParse(authorization, out var scope);
            if (scope?.Service == "states" && stepFunctions is not null)
            {
                var verdict = await verifier.VerifyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
                context.Request.Body.Position = 0;
                if (!verdict.IsValid)
                {
                    var (code, status) = verdict.Error(json: true);
                    await WriteJsonErrorAsync(context, status, code, verdict.Message).ConfigureAwait(false);
                    return;
                }
                await stepFunctions(context).ConfigureAwait(false);
                return;
            }
            if (simulator is not null)
            {
                // The simulator verifies the signature itself and answers unknown services in AWS's words.
                await simulator.HandleAsync(context).ConfigureAwait(false);
                return;
            }
            await WriteJsonErrorAsync(context, 400, "UnknownOperationException",
                $"This server answers AWS calls only for the embedded Step Functions engine (and, in simulator mode, the simulated services), not '{scope?.Service}'.").ConfigureAwait(false);
        });
    }

    private static Task WriteJsonErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.0";
        context.Response.Headers["x-amzn-ErrorType"] = code;
        return context.Response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = code, ["message"] = message }));
    }
}
