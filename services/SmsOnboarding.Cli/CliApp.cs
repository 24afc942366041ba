using System.CommandLine;
using SmsOnboarding.Cli.Commands;

namespace SmsOnboarding.Cli;

public static class CliApp
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("smsonboard: turn on SMS for Amazon Cognito user pools");
        // One line per command group; each lives in Commands/<Name>Command.cs.
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(RegionsCommand.Create());
        root.Subcommands.Add(PlanCommand.Create());
        root.Subcommands.Add(SimulatorCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(RequestCommand.Create());
        root.Subcommands.Add(TasksCommand.Create());
        root.Subcommands.Add(AccountsCommand.Create());
        root.Subcommands.Add(ExecutionsCommand.Create());
        root.Subcommands.Add(SimCommand.Create());
        root.Subcommands.Add(EngineCommand.Create());
        return root;
    }

    /// <summary>
    /// Runs the command line. Arguments that do not parse are invalid input like any other (exit code 2, one
    /// error line each on stderr), not System.CommandLine's default exit code 1 with the help text.
    /// </summary>
    public static Task<int> RunAsync(string[] args, InvocationConfiguration? configuration = null)
    {
        var parse = BuildRoot().Parse(args);
        configuration ??= new InvocationConfiguration();
        if (parse.Errors.Count == 0)
        {
            return parse.InvokeAsync(configuration);
        }
        foreach (var error in parse.Errors)
        {
            configuration.Error.WriteLine($"error: {error.Message}");
        }
        configuration.Error.WriteLine("Run with --help for usage.");
        return Task.FromResult(ExitCodes.InvalidInput);
    }
}
