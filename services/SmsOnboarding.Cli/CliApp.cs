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
        root.Subcommands.Add(ExecutionsCommand.Create());
        root.Subcommands.Add(SimCommand.Create());
        root.Subcommands.Add(EngineCommand.Create());
        return root;
    }

    public static Task<int> RunAsync(string[] args) => BuildRoot().Parse(args).InvokeAsync();
}
