using SmsOnboarding.Api.Accounts;
using SmsOnboarding.Api.Tasks;
using SmsOnboarding.Engine.Http;
using SmsOnboarding.Serve.Deployment;
using SmsOnboarding.Serve.Hosting;
using SmsOnboarding.Serve.Simulation;
using SmsOnboarding.Simulator;
using SmsOnboarding.Simulator.Persistence;
using SmsOnboarding.Simulator.Scenarios;

namespace SmsOnboarding.Serve;

public enum ClockMode
{
    Realtime,
    Skip,
}

public enum AwsMode
{
    Simulated,
    Real,
}

/// <summary>Options of <c>serve</c> that shape what the API runs on.</summary>
public sealed record LocalServeOptions
{
    public required string DataDirectory { get; init; }
    public string? ScenarioFile { get; init; }
    /// <summary>Null: skip for the simulated account, realtime against real AWS.</summary>
    public ClockMode? Clock { get; init; }
    public AwsMode Aws { get; init; } = AwsMode.Simulated;

    /// <summary>Environment lookup for --aws real (Region and endpoint variables); null = the process environment.</summary>
    public Func<string, string?>? EnvironmentVariable { get; init; }
}

/// <summary>A problem with serve's options, said in one line.</summary>
public sealed class ServeConfigurationException(string message) : Exception(message);

/// <summary>Builds the serve backends from <see cref="LocalDeployment"/>: engine, step handlers, simulator and one clock.</summary>
public static class LocalServe
{
    /// <summary>Claims the data directory (<see cref="DataDirectoryClaim"/>) for as long as the backends run.</summary>
    public static async Task<(ServeBackends Backends, LocalDeployment Deployment)> CreateAsync(LocalServeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var claim = DataDirectoryClaim.Acquire(options.DataDirectory);
        try
        {
            var (backends, deployment) = options.Aws == AwsMode.Real
                ? await RealAwsServe.CreateAsync(options, cancellationToken).ConfigureAwait(false)
                : await CreateSimulatedAsync(options, cancellationToken).ConfigureAwait(false);
            var shutdown = backends.Shutdown;
            return (backends with
            {
                Shutdown = async () =>
                {
                    if (shutdown is not null)
                    {
                        await shutdown().ConfigureAwait(false);
                    }
                    claim.Dispose();
                },
            }, deployment);
        }
        catch
        {
            claim.Dispose();
            throw;
        }
    }

    private static async Task<(ServeBackends Backends, LocalDeployment Deployment)> CreateSimulatedAsync(LocalServeOptions options, CancellationToken cancellationToken)
    {
        var clock = options.Clock ?? ClockMode.Skip;
        var scenario = DemoScenario();
        if (options.ScenarioFile is not null)
        {
            try
            {
                scenario = ScenarioLoader.LoadFile(options.ScenarioFile);
            }
            catch (ScenarioException e)
            {
                throw new ServeConfigurationException($"--scenario {options.ScenarioFile}: {e.Message}");
            }
            RefuseOtherScenarioForSavedAccount(options, scenario);
        }
        var local = await LocalDeployment.StartAsync(new LocalDeploymentOptions
        {
            DataDirectory = options.DataDirectory,
            Scenario = scenario,
            SkipTimeWhenIdle = clock == ClockMode.Skip,
        }, cancellationToken).ConfigureAwait(false);
        local.Clock.SkippingEnabled = clock == ClockMode.Skip;
        var endpoint = new StepFunctionsEndpoint(local.Engine);
        var backends = new ServeBackends(
            Runtime: new LocalRuntime(local),
            Tasks: new HumanTaskDesk(local.Inbox, local.HumanTasks),
            Time: local.Clock,
            Facts: new SimulatorFacts(local.Simulator),
            AccountFacts: new AwsAccountFacts(OrganisationAccounts(local)),
            AccountWork: local.AccountWork,
            Simulator: new SimulatedAccountControl(local.Simulator,
                clock == ClockMode.Skip ? by => ClockControl.Advance(local.Clock, by) : null),
            AwsSimulator: new SimulatorServer(local.Simulator),
            StepFunctionsEndpoint: endpoint.HandleAsync,
            Shutdown: local.DisposeAsync);
        return (backends, local);
    }

    /// <summary>
    /// A data directory resumes its saved account (serve without --scenario, or with the one it was created from).
    /// Another scenario would silently not apply to it, so it is refused rather than ignored.
    /// </summary>
    private static void RefuseOtherScenarioForSavedAccount(LocalServeOptions options, SimulatorScenario scenario)
    {
        var saved = Path.Combine(options.DataDirectory, SimulatorStateFile.FileName);
        if (File.Exists(saved) && ScenarioLoader.Serialize(SimulatorStateFile.CreatedFrom(saved)) != ScenarioLoader.Serialize(scenario))
        {
            throw new ServeConfigurationException(
                $"--scenario {options.ScenarioFile}: the data directory already holds a simulated account created from another scenario ({saved}); " +
                "leave out --scenario to resume it, or use a new --data directory for a new account");
        }
    }

    /// <summary>The shipped demo account: a new account in the SMS sandbox with a few user pools to onboard.</summary>
    public static SimulatorScenario DemoScenario()
    {
        using var stream = typeof(LocalServe).Assembly.GetManifestResourceStream("demo-scenario.json")
            ?? throw new InvalidOperationException("demo-scenario.json is not embedded");
        using var reader = new StreamReader(stream);
        return ScenarioLoader.Parse(reader.ReadToEnd());
    }

    // Ops read a member account of the simulated organisation as its administrator would; any other account as before.
    private static Func<string, CancellationToken, Task<SmsOnboarding.Steps.Aws.IAwsClientFactory>> OrganisationAccounts(LocalDeployment local)
    {
        var own = AwsAccountFacts.ServiceAccountOnly(SimulatorCredentials.AccountId, local.Aws);
        return (accountId, cancellationToken) => local.Simulator.Members.ContainsKey(accountId)
            ? Task.FromResult(local.AdministratorClients(accountId))
            : own(accountId, cancellationToken);
    }
}
