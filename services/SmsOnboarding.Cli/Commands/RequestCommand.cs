using System.CommandLine;
using System.Text.Json.Nodes;

namespace SmsOnboarding.Cli.Commands;

/// <summary><c>request create|list|show|watch|cancel</c> against the HTTP API.</summary>
internal static class RequestCommand
{
    private static readonly string[] Terminal = ["completed", "failed", "cancelled"];

    public static Command Create()
    {
        var command = new Command("request", "Submit and follow onboarding requests through the API");
        command.Subcommands.Add(CreateCommand());
        command.Subcommands.Add(ListCommand());
        command.Subcommands.Add(ShowCommand());
        command.Subcommands.Add(WatchCommand());
        command.Subcommands.Add(CancelCommand());
        return command;
    }

    private static Command CreateCommand()
    {
        var file = new Option<string?>("--file", "-f") { Description = "onboarding request JSON file, or - for standard input; field flags override it" };
        var fields = new RequestFlags();
        var dryRun = new Option<bool>("--dry-run") { Description = "only validate and show the plan" };
        var endpoint = ApiClient.EndpointOption();
        var output = CommonOptions.Output();
        var command = new Command("create", "Submit a request from a file and/or one flag per field (idempotent by its requestId); exit 2 with every problem when it is not valid") { file, dryRun, endpoint, output };
        foreach (var option in fields.Options)
        {
            command.Options.Add(option);
        }
        command.SetAction((parse, ct) => ApiClient.RunAsync(parse, endpoint, async (api, o, token) =>
        {
            var body = await ReadBaseAsync(parse.GetValue(file), fields.AnyGiven(parse), token);
            fields.ApplyTo(body, parse);
            if (body["requester"] is null || body["team"] is null)
            {
                var me = await api.GetAsync("api/me", token);
                body["requester"] ??= me?["name"]?.DeepClone();
                // In a users file with teams the request is for the caller's team; without one the field stays required.
                body["team"] ??= me?["team"]?.DeepClone();
            }
            var answer = await api.PostAsync(parse.GetValue(dryRun) ? "api/onboardings/validate" : "api/onboardings", body, token);
            var problems = answer?["problems"] as JsonArray ?? [];
            if (parse.GetValue(output) == OutputFormat.Json)
            {
                ApiClient.WriteJson(o, answer);
                return problems.Count > 0 ? ExitCodes.InvalidInput : ExitCodes.Ok;
            }
            if (problems.Count > 0)
            {
                throw new ProblemsException(problems);
            }
            if (parse.GetValue(dryRun))
            {
                o.WriteLine("valid; the plan:");
                foreach (var s in answer!["plan"]?["steps"]?.AsArray() ?? [])
                {
                    o.WriteLine($"- {ApiClient.S(s!["title"])}: {ApiClient.S(s["reason"])}");
                }
            }
            else
            {
                o.WriteLine($"{ApiClient.S(answer!["id"])} {ApiClient.S(answer["status"])}");
            }
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    private static async Task<JsonObject> ReadBaseAsync(string? path, bool anyField, CancellationToken token)
    {
        if (path is null)
        {
            return anyField
                ? []
                : throw new ApiCallException("give the request as --file F, or its fields as flags (--pool, --country, --monthly-spend, --use-case, ...; see --help)");
        }
        try
        {
            return JsonNode.Parse(path == "-" ? await Console.In.ReadToEndAsync(token) : await File.ReadAllTextAsync(path, token)) as JsonObject
                ?? throw new ApiCallException($"{path} does not hold a JSON object");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            throw new ApiCallException($"cannot read {path}: {e.Message}");
        }
    }

    private static Command ListCommand()
    {
        var status = new Option<string?>("--status") { Description = "submitted, running, waitingOnAws, waitingOnPeople, finalizing, completed, failed, cancelled" };
        var team = new Option<string?>("--team") { Description = "only this team" };
        var pool = new Option<string?>("--pool") { Description = "only this user pool id" };
        var account = new Option<string?>("--account") { Description = "only pools in this 12-digit AWS account" };
        var cursor = new Option<string?>("--cursor") { Description = "continue after a previous page (the cursor it printed)" };
        var limit = new Option<int>("--limit") { Description = "page size (1..200)", DefaultValueFactory = _ => 50 };
        var endpoint = ApiClient.EndpointOption();
        var output = CommonOptions.Output();
        var command = new Command("list", "Onboardings you may see, newest first") { status, team, pool, account, cursor, limit, endpoint, output };
        command.SetAction((parse, ct) => ApiClient.RunAsync(parse, endpoint, async (api, o, token) =>
        {
            var query = $"api/onboardings?limit={parse.GetValue(limit)}" + Param("cursor", parse.GetValue(cursor))
                + Param("status", parse.GetValue(status)) + Param("team", parse.GetValue(team)) + Param("pool", parse.GetValue(pool))
                + Param("account", parse.GetValue(account));
            var page = await api.GetAsync(query, token);
            if (parse.GetValue(output) == OutputFormat.Json)
            {
                ApiClient.WriteJson(o, page);
                return;
            }
            TextTable.Write(o, ["ID", "STATUS", "STEP", "ACCOUNT", "POOL", "TEAM", "REQUESTER", "CREATED"],
                page!["items"]!.AsArray().Select(i => (IReadOnlyList<string>)[ApiClient.S(i!["id"]), ApiClient.S(i["status"]), ApiClient.S(i["currentStep"]), ApiClient.S(i["accountId"]),
                    ApiClient.S(i["pool"]), ApiClient.S(i["team"]), ApiClient.S(i["requester"]), ApiClient.S(i["createdAt"])]));
            o.WriteLine($"{page["items"]!.AsArray().Count} of {ApiClient.S(page["total"])}");
            if (page["nextCursor"] is { } next)
            {
                o.WriteLine($"more: --cursor {ApiClient.S(next)}");
            }
        }, ct));
        return command;
    }

    private static Command ShowCommand()
    {
        var id = new Argument<string>("ID") { Description = "onboarding id" };
        var endpoint = ApiClient.EndpointOption();
        var output = CommonOptions.Output();
        var command = new Command("show", "Status, current step, plan and timeline of one onboarding") { id, endpoint, output };
        command.SetAction((parse, ct) => ApiClient.RunAsync(parse, endpoint, async (api, o, token) =>
        {
            var detail = await api.GetAsync($"api/onboardings/{Uri.EscapeDataString(parse.GetValue(id)!)}", token);
            if (parse.GetValue(output) == OutputFormat.Json)
            {
                ApiClient.WriteJson(o, detail);
                return;
            }
            o.WriteLine($"{ApiClient.S(detail!["id"])}  {ApiClient.S(detail["status"])}  account {ApiClient.S(detail["accountId"])}  pool {ApiClient.S(detail["pool"])}  team {ApiClient.S(detail["team"])}");
            o.WriteLine($"current step: {ApiClient.S(detail["currentStep"])}");
            if (detail["failure"] is JsonObject failure)
            {
                o.WriteLine($"failure: {ApiClient.S(failure["error"])} {ApiClient.S(failure["cause"])}");
            }
            o.WriteLine("plan:");
            foreach (var s in detail["plan"]!["steps"]!.AsArray())
            {
                o.WriteLine($"  - {ApiClient.S(s!["title"])}");
            }
            WriteCases(o, detail["cases"] as JsonArray ?? []);
            TextTable.Write(o, ["STATE", "ENTERED", "EXITED", "OUTCOME"],
                detail["timeline"]!.AsArray().Select(t => (IReadOnlyList<string>)[ApiClient.S(t!["state"]), ApiClient.S(t["enteredAt"]), ApiClient.S(t["exitedAt"]), ApiClient.S(t["outcome"])]));
        }, ct));
        return command;
    }

    /// <summary>Each request to AWS people, and why any channel before the one that took it passed it on.</summary>
    private static void WriteCases(TextWriter o, JsonArray cases)
    {
        if (cases.Count == 0)
        {
            return;
        }
        o.WriteLine("cases:");
        foreach (var c in cases.OfType<JsonObject>())
        {
            var id = ApiClient.S(c["caseId"]) is { Length: > 0 } caseId ? caseId : ApiClient.S(c["quotaRequestId"]);
            o.WriteLine($"  - {ApiClient.S(c["need"])}: {ApiClient.S(c["channel"])}, {ApiClient.S(c["status"])}" + (id.Length > 0 ? $" ({id})" : "")
                + (ApiClient.S(c["waitingOn"]) is { Length: > 0 } owner ? $", waiting on the case opened for {owner}" : ""));
            foreach (var h in (c["handovers"] as JsonArray ?? []).OfType<JsonObject>())
            {
                o.WriteLine($"      handed over by {ApiClient.S(h["channel"])}: {ApiClient.S(h["reason"])}");
            }
        }
    }

    private const double MinInterval = 0.2;
    private const double MaxInterval = 3600;

    private static Command WatchCommand()
    {
        var id = new Argument<string>("ID") { Description = "onboarding id" };
        var interval = new Option<double>("--interval") { Description = $"seconds between polls ({MinInterval} to {MaxInterval})", DefaultValueFactory = _ => 2 };
        // NaN, infinities and absurd waits are usage errors (exit 2) found while parsing, not a crash on the first poll.
        interval.Validators.Add(result =>
        {
            var seconds = result.GetValueOrDefault<double>();
            if (!(seconds is >= MinInterval and <= MaxInterval))
            {
                result.AddError($"--interval must be a number of seconds from {MinInterval} to {MaxInterval}; got {seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            }
        });
        var endpoint = ApiClient.EndpointOption();
        var command = new Command("watch", "Follow an onboarding step by step until it ends (Ctrl-C stops watching)") { id, interval, endpoint };
        command.SetAction((parse, ct) => ApiClient.RunAsync(parse, endpoint, async (api, o, token) =>
        {
            var seen = 0;
            var lastStatus = "";
            while (true)
            {
                var detail = await api.GetAsync($"api/onboardings/{Uri.EscapeDataString(parse.GetValue(id)!)}", token);
                var timeline = detail!["timeline"]!.AsArray();
                for (; seen < timeline.Count; seen++)
                {
                    o.WriteLine($"{ApiClient.S(timeline[seen]!["enteredAt"])}  -> {ApiClient.S(timeline[seen]!["state"])}");
                }
                var status = ApiClient.S(detail["status"]);
                if (status != lastStatus)
                {
                    o.WriteLine($"status: {status}" + (detail["currentStep"] is { } step ? $" (at {ApiClient.S(step)})" : ""));
                    lastStatus = status;
                }
                if (Terminal.Contains(status))
                {
                    if (detail["failure"] is JsonObject failure)
                    {
                        o.WriteLine($"failure: {ApiClient.S(failure["error"])} {ApiClient.S(failure["cause"])}");
                    }
                    if (status != "completed")
                    {
                        throw new ApiCallException($"onboarding ended {status}");
                    }
                    return;
                }
                await Task.Delay(TimeSpan.FromSeconds(parse.GetValue(interval)), TimeProvider.System, token);
            }
        }, ct));
        return command;
    }

    private static Command CancelCommand()
    {
        var id = new Argument<string>("ID") { Description = "onboarding id" };
        var endpoint = ApiClient.EndpointOption();
        var command = new Command("cancel", "Stop a running onboarding (ops, or the requester)") { id, endpoint };
        command.SetAction((parse, ct) => ApiClient.RunAsync(parse, endpoint, async (api, o, token) =>
        {
            var answer = await api.PostAsync($"api/onboardings/{Uri.EscapeDataString(parse.GetValue(id)!)}/cancel", null, token);
            o.WriteLine($"{ApiClient.S(answer!["id"])} {ApiClient.S(answer["status"])}");
        }, ct));
        return command;
    }

    private static string Param(string name, string? value) => value is null ? "" : $"&{name}={Uri.EscapeDataString(value)}";
}
