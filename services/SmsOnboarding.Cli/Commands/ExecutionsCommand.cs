using System.CommandLine;

namespace SmsOnboarding.Cli.Commands;

/// <summary><c>executions list|history</c>: the workflow executions behind onboardings.</summary>
internal static class ExecutionsCommand
{
    public static Command Create()
    {
        var command = new Command("executions", "Workflow executions behind the onboardings");
        command.Subcommands.Add(ListCommand());
        command.Subcommands.Add(HistoryCommand());
        return command;
    }

    private static Command ListCommand()
    {
        var endpoint = ApiClient.EndpointOption();
        var output = CommonOptions.Output();
        var command = new Command("list", "Execution ARN and status of every onboarding you may see") { endpoint, output };
        command.SetAction((parse, ct) => ApiClient.RunAsync(parse, endpoint, async (api, o, token) =>
        {
            var page = await api.GetAsync("api/onboardings?limit=200", token);
            var items = page!["items"]!.AsArray();
            if (parse.GetValue(output) == OutputFormat.Json)
            {
                ApiClient.WriteJson(o, items);
                return;
            }
            TextTable.Write(o, ["EXECUTION", "STATUS", "ONBOARDING"],
                items.Select(i => (IReadOnlyList<string>)[ApiClient.S(i!["executionArn"]), ApiClient.S(i["status"]), ApiClient.S(i["id"])]));
        }, ct));
        return command;
    }

    private static Command HistoryCommand()
    {
        var id = new Argument<string>("ID") { Description = "onboarding id" };
        var endpoint = ApiClient.EndpointOption();
        var output = CommonOptions.Output();
        var command = new Command("history", "Raw history events of an onboarding's execution") { id, endpoint, output };
        command.SetAction((parse, ct) => ApiClient.RunAsync(parse, endpoint, async (api, o, token) =>
        {
            var history = await api.GetAsync($"api/onboardings/{Uri.EscapeDataString(parse.GetValue(id)!)}/history", token);
            if (parse.GetValue(output) == OutputFormat.Json)
            {
                ApiClient.WriteJson(o, history);
                return;
            }
            TextTable.Write(o, ["ID", "TIME", "TYPE", "STATE"],
                history!["events"]!.AsArray().Select(e => (IReadOnlyList<string>)[ApiClient.S(e!["id"]), ApiClient.S(e["timestamp"]), ApiClient.S(e["type"]), ApiClient.S(e["stateName"])]));
        }, ct));
        return command;
    }
}
