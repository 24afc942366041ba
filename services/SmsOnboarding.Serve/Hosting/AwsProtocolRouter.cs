using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SmsOnboarding.Api.Auth;
using SmsOnboarding.Simulator;
using SmsOnboarding.Simulator.Auth;

namespace SmsOnboarding.Serve.Hosting;

/// <summary>
/// Lets AWS clients use the serve port as their endpoint: requests carrying a SigV4 Authorization header are
/// routed by the signing name (<c>states</c> to the embedded engine, other services to the simulator) before
/// any API route sees them. Step Functions calls are people's: the access key must be a user's from the users file,
/// and <see cref="StepFunctionsGate"/> applies the API's authorization. The simulated services judge their callers
/// themselves (the account's IAM; the demo ops key is its IAM user).
/// </summary>
internal static class AwsProtocolRouter
{
    public static IApplicationBuilder UseAwsProtocolRouting(this IApplicationBuilder app, UserDirectory users, SimulatorServer? simulator, RequestDelegate? stepFunctions)
    {
        var verifier = new SigV4Verifier(users.SigningSecret);
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
                    await AwsJsonErrors.WriteAsync(context, status, code, verdict.Message).ConfigureAwait(false);
                    return;
                }
                await StepFunctionsGate.HandleAsync(context, users.FindByAccessKey(verdict.Scope!.AccessKeyId)!, stepFunctions).ConfigureAwait(false);
                return;
            }
            if (simulator is not null)
            {
                // The simulator verifies the signature itself and answers unknown services in AWS's words.
                await simulator.HandleAsync(context).ConfigureAwait(false);
                return;
            }
            await AwsJsonErrors.WriteAsync(context, 400, "UnknownOperationException",
                $"This server answers AWS calls only for the embedded Step Functions engine (and, in simulator mode, the simulated services), not '{scope?.Service}'.").ConfigureAwait(false);
        });
    }
}
