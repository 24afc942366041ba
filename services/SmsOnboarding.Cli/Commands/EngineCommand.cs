using System.CommandLine;
using SmsOnboarding.Engine;
using SmsOnboarding.Engine.Http;

namespace SmsOnboarding.Cli.Commands;

internal static class EngineCommand
{
    public static Command Create()
    {
        var port = StandaloneHost.PortOption(8083);
        var data = new Option<DirectoryInfo?>("--data")
        {
            Description = "Directory of the engine's SQLite file (default: ./.smsonboard, as serve)",
        };
        var command = new Command("engine", "Run the embedded Step Functions engine alone (awsJson endpoint on 127.0.0.1) until Ctrl-C") { port, data };
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

            var directory = parse.GetValue(data)?.FullName ?? Path.Combine(Environment.CurrentDirectory, ".smsonboard");
            await using var engine = await StepFunctionsEngine.OpenAsync(new EngineOptions { DatabasePath = Path.Combine(directory, "engine.db") }, cancellationToken).ConfigureAwait(false);
            await using var server = await EngineServer.StartAsync(engine, requestedPort, cancellationToken).ConfigureAwait(false);
            var url = server.BaseUri.ToString().TrimEnd('/');
            await output.WriteLineAsync($"Step Functions engine on {url} (data: {directory}); {engine.ActiveExecutions} running executions resumed").ConfigureAwait(false);
            await output.WriteLineAsync($"  aws stepfunctions --endpoint-url {url} --region us-east-1 list-state-machines    (Ctrl-C to stop)").ConfigureAwait(false);
            await StandaloneHost.WaitForCtrlCAsync(cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync("Engine stopped.").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
