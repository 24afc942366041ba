using System.CommandLine;
using System.Text.Json.Nodes;

namespace SmsOnboarding.Cli.Commands;

/// <summary><c>tasks list|complete|reject</c>: the approver inbox from the terminal.</summary>
internal static class TasksCommand
{
    public static Command Create()
    {
        var command = new Command("tasks", "Human tasks: verification codes, Support cases, case decisions");
        command.Subcommands.Add(ListCommand());
        command.Subcommands.Add(CompleteCommand());
        command.Subcommands.Add(RejectCommand());
        return command;
    }

    private static Command ListCommand()
    {
        var endpoint = ApiClient.EndpointOption();
        var output = CommonOptions.Output();
        var command = new Command("list", "Pending tasks you may see") { endpoint, output };
        command.SetAction((parse, ct) => ApiClient.RunAsync(parse, endpoint, async (api, o, token) =>
        {
            var tasks = await api.GetAsync("api/tasks", token);
            if (parse.GetValue(output) == OutputFormat.Json)
            {
                ApiClient.WriteJson(o, tasks);
                return;
            }
            TextTable.Write(o, ["ID", "KIND", "ONBOARDING", "PHONE", "EXPIRES", "YOURS"],
                tasks!.AsArray().Select(t => (IReadOnlyList<string>)[ApiClient.S(t!["id"]), ApiClient.S(t["kind"]), ApiClient.S(t["onboardingId"]),
                    ApiClient.S(t["maskedPhone"]), ApiClient.S(t["expiresAt"]), (bool?)t["canComplete"] == true ? "yes" : "no"]));
        }, ct));
        return command;
    }

    private static Command CompleteCommand()
    {
        var id = new Argument<string>("ID") { Description = "task id" };
        var code = new Option<string?>("--code") { Description = "verificationCode: the code the phone received" };
        var resend = new Option<bool>("--resend") { Description = "verificationCode: send a new code instead (AWS allows 5 per number per 24 h)" };
        var caseId = new Option<string?>("--case-id") { Description = "fileSupportCase: the id of the case you filed" };
        var approved = new Option<bool?>("--approved") { Description = "supportCaseDecision: true or false" };
        var note = new Option<string?>("--note") { Description = "supportCaseDecision: AWS's answer (required when not approved)" };
        var edits = new Option<FileInfo?>("--edits")
        {
            Description = "fixRegistration: a JSON file of the answers to change, e.g. {\"registration\":{\"optInType\":\"TEXT\"},\"optInProcess\":\"...\"}; registration.optInScreenshot may be a file path",
        };
        var endpoint = ApiClient.EndpointOption();
        var command = new Command("complete", "Answer a task; with --code, wait until the workflow has checked it (exit 1 when it was wrong)") { id, code, resend, caseId, approved, note, edits, endpoint };
        command.SetAction((parse, ct) => ApiClient.RunAsync(parse, endpoint, async (api, o, token) =>
        {
            var body = new JsonObject();
            if (parse.GetValue(code) is { } c)
            {
                body["code"] = c;
            }
            if (parse.GetValue(resend))
            {
                body["resend"] = true;
            }
            if (parse.GetValue(caseId) is { } k)
            {
                body["caseId"] = k;
            }
            if (parse.GetValue(approved) is { } a)
            {
                body["approved"] = a;
            }
            if (parse.GetValue(note) is { } n)
            {
                body["note"] = n;
            }
            if (parse.GetValue(edits) is { } file)
            {
                foreach (var (name, value) in ReadEdits(file))
                {
                    body[name] = value?.DeepClone();
                }
            }
            if (body.Count == 0)
            {
                throw new ApiCallException("give --code (or --resend), --case-id, --approved (with --note) or --edits");
            }
            var taskId = parse.GetValue(id)!;
            var task = body.ContainsKey("code") ? await CodeCheck.FindTaskAsync(api, taskId, token) : null;
            var check = ApiClient.S(task?["kind"]) == "verificationCode" ? new CodeCheck(api, task!) : null;
            if (check is not null)
            {
                await check.RememberAsync(token);
            }
            var answer = await api.PostAsync($"api/tasks/{Uri.EscapeDataString(taskId)}/complete", body, token);
            if (check is null)
            {
                o.WriteLine($"{ApiClient.S(answer!["id"])} {ApiClient.S(answer["result"])}");
                return ExitCodes.Ok;
            }
            var (exit, line) = await check.AwaitAsync(token);
            await (exit == ExitCodes.Ok ? o : parse.InvocationConfiguration.Error).WriteLineAsync(line);
            return exit;
        }, ct));
        return command;
    }

    private static JsonObject ReadEdits(FileInfo file)
    {
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(File.ReadAllText(file.FullName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            throw new ApiCallException($"--edits {file.Name}: {e.Message}");
        }
        if (json is not JsonObject edits)
        {
            throw new ApiCallException($"--edits {file.Name}: must hold a JSON object of the answers to change");
        }
        if (edits["registration"]?["optInScreenshot"] is JsonValue screenshot && screenshot.TryGetValue<string>(out var path))
        {
            edits["registration"]!["optInScreenshot"] = ScreenshotFile.AsDataUrl(path);
        }
        return edits;
    }

    private static Command RejectCommand()
    {
        var id = new Argument<string>("ID") { Description = "task id" };
        var reason = new Option<string>("--reason") { Description = "why (recorded in the history)", Required = true };
        var endpoint = ApiClient.EndpointOption();
        var command = new Command("reject", "Refuse a task: the workflow gets a task failure") { id, reason, endpoint };
        command.SetAction((parse, ct) => ApiClient.RunAsync(parse, endpoint, async (api, o, token) =>
        {
            var answer = await api.PostAsync($"api/tasks/{Uri.EscapeDataString(parse.GetValue(id)!)}/reject", new JsonObject { ["reason"] = parse.GetValue(reason) }, token);
            o.WriteLine($"{ApiClient.S(answer!["id"])} {ApiClient.S(answer["result"])}");
        }, ct));
        return command;
    }
}
