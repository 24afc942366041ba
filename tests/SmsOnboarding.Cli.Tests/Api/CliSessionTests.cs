using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SmsOnboarding.Cli.Tests.Support;

namespace SmsOnboarding.Cli.Tests.Api;

/// <summary>The README's command-line session, run as the real CLI against a served stack: every API command once.</summary>
public sealed partial class CliSessionTests : IAsyncLifetime
{
    private LocalServer _server = null!;

    public async Task InitializeAsync() => _server = await LocalServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Requester_approver_and_ops_finish_an_onboarding_with_the_cli_alone()
    {
        var alice = _server.As("demo-requester-alice");
        var bob = _server.As("demo-approver-bob");
        var olivia = _server.As("demo-ops-olivia");

        var created = await CliProcess.RunAsync(alice, "request", "create", "--file", CliRunner.Example(), "--request-id", "cli-session-1");
        Assert.True(created.ExitCode == 0, created.Error);
        var id = created.Output.Split(' ')[0];
        var tasks = await PendingCodeTasksAsync(bob, expected: 2);
        var malformed = await CliProcess.RunAsync(bob, "tasks", "complete", tasks[0]!["id"]!.GetValue<string>(), "--code", "12");
        var wrong = await CliProcess.RunAsync(bob, "tasks", "complete", tasks[0]!["id"]!.GetValue<string>(), "--code", "000000");
        tasks = await PendingCodeTasksAsync(bob, expected: 2);
        foreach (var task in tasks)
        {
            var code = await CodeForAsync(bob, task!["maskedPhone"]!.GetValue<string>());
            var completed = await CliProcess.RunAsync(bob, "tasks", "complete", task["id"]!.GetValue<string>(), "--code", code);
            Assert.True(completed.ExitCode == 0, completed.Error);
            Assert.EndsWith("is verified", completed.Output.Trim(), StringComparison.Ordinal);
        }
        var watched = await CliProcess.RunAsync(alice, "request", "watch", id, "--interval", "0.2");
        var executions = JsonNode.Parse((await CliProcess.RunAsync(olivia, "executions", "list", "--output", "json")).Output)!.AsArray();
        var history = JsonNode.Parse((await CliProcess.RunAsync(olivia, "executions", "history", id, "--output", "json")).Output)!["events"]!.AsArray();

        Assert.Equal(1, malformed.ExitCode);
        Assert.Contains("5 to 8 digits", malformed.Error, StringComparison.Ordinal);
        Assert.Equal(1, wrong.ExitCode);
        Assert.DoesNotContain("completed", wrong.Output + wrong.Error, StringComparison.Ordinal);
        Assert.Contains("was wrong; answer task ", wrong.Error, StringComparison.Ordinal);
        Assert.True(watched.ExitCode == 0, watched.Output + watched.Error);
        Assert.Contains("-> Finalize", watched.Output, StringComparison.Ordinal);
        Assert.EndsWith("status: completed", watched.Output.Trim(), StringComparison.Ordinal);
        Assert.Contains(executions, e => e!["id"]!.GetValue<string>() == id && e["status"]!.GetValue<string>() == "completed"
            && e["executionArn"]!.GetValue<string>().StartsWith("arn:aws:states:", StringComparison.Ordinal));
        Assert.Equal("ExecutionSucceeded", history[^1]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_approver_asks_for_a_new_code_and_the_phone_gets_a_second_one()
    {
        var bob = _server.As("demo-approver-bob");
        await CliProcess.RunAsync(_server.As("demo-requester-alice"), "request", "create", "--file", CliRunner.Example(),
            "--request-id", "cli-resend-1", "--sandbox-number", "+12065550109");
        var first = (await PendingCodeTasksAsync(bob, expected: 1))[0]!["id"]!.GetValue<string>();

        var resent = await CliProcess.RunAsync(bob, "tasks", "complete", first, "--resend");
        var second = await PendingCodeTasksAsync(bob, expected: 1, notId: first);
        var inbox = JsonNode.Parse((await CliProcess.RunAsync(bob, "sim", "inbox", "+12065550109", "--output", "json")).Output)!;

        Assert.True(resent.ExitCode == 0, resent.Error);
        Assert.NotEqual(first, second[0]!["id"]!.GetValue<string>());
        Assert.Equal(2, inbox["+12065550109"]!.AsArray().Count);
    }

    [Fact]
    public async Task Watching_an_unknown_onboarding_fails_with_one_line()
    {
        var watched = await CliProcess.RunAsync(_server.As("demo-ops-olivia"), "request", "watch", "onb-nope");

        Assert.Equal(1, watched.ExitCode);
        Assert.Equal("error: There is no onboarding 'onb-nope'.", watched.Error.Trim());
    }

    private static async Task<JsonArray> PendingCodeTasksAsync(Dictionary<string, string> approver, int expected, string? notId = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var listed = await CliProcess.RunAsync(approver, "tasks", "list", "--output", "json");
            var tasks = new JsonArray(JsonNode.Parse(listed.Output)!.AsArray()
                .Where(t => t!["kind"]!.GetValue<string>() == "verificationCode" && t["id"]!.GetValue<string>() != notId)
                .Select(t => t!.DeepClone()).ToArray());
            if (tasks.Count == expected || DateTime.UtcNow > deadline)
            {
                Assert.Equal(expected, tasks.Count);
                return tasks;
            }
            await Task.Delay(200);
        }
    }

    /// <summary>The newest code in the inbox of the phone whose masked number ends like <paramref name="masked"/>.</summary>
    private static async Task<string> CodeForAsync(Dictionary<string, string> approver, string masked)
    {
        var inboxes = JsonNode.Parse((await CliProcess.RunAsync(approver, "sim", "inbox", "--output", "json")).Output)!.AsObject();
        var phone = inboxes.Single(p => p.Key.EndsWith(masked[^4..], StringComparison.Ordinal));
        var body = phone.Value!.AsArray()[^1]!["body"]!.GetValue<string>();
        return Code().Match(body).Value;
    }

    [GeneratedRegex(@"\b\d{5,8}\b")]
    private static partial Regex Code();
}
