using System.CommandLine;

namespace SmsOnboarding.Cli;

public static class CliApp
{
    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("smsonboard: turn on SMS for Amazon Cognito user pools");
        return root.Parse(args).InvokeAsync();
    }
}
