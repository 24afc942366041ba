using SmsOnboarding.Api.Accounts;
using SmsOnboarding.Api.Aws;
using SmsOnboarding.Api.Tasks;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Aws.SecurityToken;
using SmsOnboarding.Aws.SecurityToken.Model;
using SmsOnboarding.Engine.Http;
using SmsOnboarding.Serve.Deployment;
using SmsOnboarding.Serve.Hosting;

namespace SmsOnboarding.Serve;

/// <summary>
/// <c>serve --aws real</c>: the embedded engine and the same step handlers, calling real AWS with the default
/// credential chain and the official SDKs' endpoint variables (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_&lt;SERVICE&gt;).
/// No simulated account, no /sim endpoints; the engine's own Step Functions endpoint still answers on the port.
/// </summary>
internal static class RealAwsServe
{
    private const string FallbackRegion = "us-east-1";

    public static async Task<(ServeBackends Backends, LocalDeployment Deployment)> CreateAsync(LocalServeOptions options, CancellationToken cancellationToken)
    {
        if (options.Clock == ClockMode.Skip)
        {
            throw new ServeConfigurationException("--clock skip cannot be used with --aws real: AWS reviews take real days, and skipping the engine's waits would only poll AWS faster.");
        }
        if (options.ScenarioFile is not null)
        {
            throw new ServeConfigurationException("--scenario shapes the simulated account; it has no meaning with --aws real.");
        }

        var environment = options.EnvironmentVariable ?? Environment.GetEnvironmentVariable;
        AwsClientConfig Config(string region) => new() { Region = region, EnvironmentVariable = environment };
        var identity = await CallerIdentityAsync(Config(environment("AWS_REGION") ?? environment("AWS_DEFAULT_REGION") ?? FallbackRegion), cancellationToken).ConfigureAwait(false);

        var serviceAccount = identity.Account ?? throw new ServeConfigurationException("--aws real: STS GetCallerIdentity named no account.");
        var local = await LocalDeployment.StartAsync(new LocalDeploymentOptions
        {
            DataDirectory = options.DataDirectory,
            RealAws = Config,
            SkipTimeWhenIdle = false,
        }, cancellationToken).ConfigureAwait(false);
        local.Clock.SkippingEnabled = false;
        var backends = new ServeBackends(
            Runtime: new LocalRuntime(local),
            Tasks: new HumanTaskDesk(local.Inbox, local.HumanTasks),
            Time: local.Clock,
            Facts: new AwsFactsProbe(local.Aws),
            AccountFacts: new AwsAccountFacts(AwsAccountFacts.ServiceAccountOnly(serviceAccount, local.Aws)),
            AccountWork: local.AccountWork,
            StepFunctionsEndpoint: new StepFunctionsEndpoint(local.Engine).HandleAsync,
            Shutdown: local.DisposeAsync,
            AwsTarget: $"real AWS account {identity.Account} as {identity.Arn}",
            ServiceAccountId: serviceAccount);
        return (backends, local);
    }

    /// <summary>Fails before anything starts when the credential chain finds nothing or AWS refuses it.</summary>
    private static async Task<GetCallerIdentityResponse> CallerIdentityAsync(AwsClientConfig config, CancellationToken cancellationToken)
    {
        using var sts = new AmazonSecurityTokenServiceClient(config);
        try
        {
            return await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            throw new ServeConfigurationException($"--aws real: {e.Message}");
        }
        catch (AwsServiceException e)
        {
            throw new ServeConfigurationException($"--aws real: STS GetCallerIdentity answered {e.ErrorCode}: {e.Message}");
        }
        catch (HttpRequestException e)
        {
            throw new ServeConfigurationException($"--aws real: STS is unreachable ({e.Message}).");
        }
    }
}
