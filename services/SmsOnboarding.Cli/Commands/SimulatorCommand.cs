using System.CommandLine;
using SmsOnboarding.Simulator;
using SmsOnboarding.Simulator.Hosting;
using SmsOnboarding.Simulator.Scenarios;

namespace SmsOnboarding.Cli.Commands;

internal static class SimulatorCommand
{
    public static Command Create()
    {
        var port = StandaloneHost.PortOption(4566);
        var scenario = new Option<FileInfo?>("--scenario")
        {
            Description = "Scenario JSON file (see services/SmsOnboarding.Simulator/scenarios); default: a new account",
        };
        var command = new Command("simulator", "Run the simulated AWS account alone on 127.0.0.1 until Ctrl-C") { port, scenario };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var requestedPort = parse.GetValue(port);
            if (StandaloneHost.PortProblem(requestedPort) is { } problem)
            {
                await error.WriteLineAsync(problem).ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            SimulatorScenario loaded;
            try
            {
                loaded = parse.GetValue(scenario) is { } file ? ScenarioLoader.LoadFile(file.FullName) : new SimulatorScenario();
            }
            catch (ScenarioException e)
            {
                await error.WriteLineAsync(e.Message).ConfigureAwait(false);
                return ExitCodes.InvalidInput;
            }

            await using var host = await SimulatorHost.StartAsync(new SimulatedAccount(loaded), requestedPort, cancellationToken).ConfigureAwait(false);
            var url = host.BaseUri.ToString().TrimEnd('/');
            await output.WriteLineAsync($"Simulated AWS account {SimulatorCredentials.AccountId} (scenario '{loaded.Name}') on {url}").ConfigureAwait(false);
            await output.WriteLineAsync($"  export AWS_ENDPOINT_URL={url} AWS_ACCESS_KEY_ID={SimulatorCredentials.AccessKeyId} AWS_SECRET_ACCESS_KEY={SimulatorCredentials.SecretAccessKey} AWS_REGION=us-east-1").ConfigureAwait(false);
            await output.WriteLineAsync($"  inbox: {url}/sim/phones/+12065550100/messages    (Ctrl-C to stop)").ConfigureAwait(false);
            await StandaloneHost.WaitForCtrlCAsync(cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync("Simulator stopped.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
