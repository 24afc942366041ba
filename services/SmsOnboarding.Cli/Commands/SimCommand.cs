using System.CommandLine;
using System.Text.Json.Nodes;

namespace SmsOnboarding.Cli.Commands;

/// <summary><c>sim inbox|advance</c>: the simulated handsets and clock of a local serve.</summary>
internal static class SimCommand
{
    public static Command Create()
    {
        var command = new Command("sim", "Simulator mode: phones and clock");
        command.Subcommands.Add(InboxCommand());
        command.Subcommands.Add(AdvanceCommand());
        return command;
    }

    private static Command InboxCommand()
    {
        var phone = new Argument<string?>("PHONE") { Description = "E.164 number; all phones when left out", Arity = ArgumentArity.ZeroOrOne };
        var endpoint = ApiClient.EndpointOption();
        var output = CommonOptions.Output();
        var command = new Command("inbox", "SMS received by simulated phones") { phone, endpoint, output };
        command.SetAction((parse, ct) => ApiClient.RunAsync(parse, endpoint, async (api, o, token) =>
        {
            var phones = parse.GetValue(phone) is { } one ? [one] : (await api.GetAsync("sim/phones", token))!.AsArray().Select(ApiClient.S).ToList();
            var all = new JsonObject();
            foreach (var p in phones)
            {
                all[p] = await api.GetAsync($"sim/phones/{Uri.EscapeDataString(p)}/messages", token);
            }
            if (parse.GetValue(output) == OutputFormat.Json)
            {
                ApiClient.WriteJson(o, all);
                return;
            }
            TextTable.Write(o, ["PHONE", "SENT", "FROM", "BODY"],
                all.SelectMany(p => p.Value!.AsArray().Select(m => (IReadOnlyList<string>)[p.Key, ApiClient.S(m!["sentAt"]), ApiClient.S(m["from"]), ApiClient.S(m["body"])])));
        }, ct));
        return command;
    }

    private static Command AdvanceCommand()
    {
        var seconds = new Argument<double>("SECONDS") { Description = "how far to move the simulated clock" };
        var endpoint = ApiClient.EndpointOption();
        var command = new Command("advance", "Move the simulated clock forward (serve --clock skip)") { seconds, endpoint };
        command.SetAction((parse, ct) => ApiClient.RunAsync(parse, endpoint, async (api, o, token) =>
        {
            var answer = await api.PostAsync("sim/clock/advance", new JsonObject { ["seconds"] = parse.GetValue(seconds) }, token);
            o.WriteLine($"simulated time: {ApiClient.S(answer!["now"])}");
        }, ct));
        return command;
    }
}
