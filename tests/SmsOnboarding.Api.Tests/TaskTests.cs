using System.Text.Json.Nodes;
using SmsOnboarding.Api.Tests.Support;

namespace SmsOnboarding.Api.Tests;

public sealed class TaskTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Approver_completes_a_verification_task_with_the_code_the_phone_received()
    {
        var id = await _server.SubmitAsync(ApiServer.Request());
        var task = await _server.AddTaskAsync(id);
        // The simulated SNS sends the OTP to the handset when the workflow asks for verification.
        await SendSandboxCodeAsync("+12065550101");

        using var bob = _server.Client(ApiServer.Bob);
        var (listStatus, list) = await ApiServer.SendAsync(bob, HttpMethod.Get, "api/tasks");
        Assert.Equal(200, listStatus);
        var listed = list!.AsArray().Single();
        Assert.Equal(task.Id, (string?)listed!["id"]);
        Assert.Equal("verificationCode", (string?)listed["kind"]);
        Assert.Equal(id, (string?)listed["onboardingId"]);
        Assert.True((bool)listed["canComplete"]!);

        var (_, messages) = await ApiServer.SendAsync(bob, HttpMethod.Get, "sim/phones/+12065550101/messages");
        var code = System.Text.RegularExpressions.Regex.Match((string)messages![0]!["body"]!, "[0-9]{6}").Value;
        Assert.Equal(6, code.Length);

        var (status, body) = await ApiServer.SendAsync(bob, HttpMethod.Post, $"api/tasks/{task.Id}/complete", new JsonObject { ["code"] = code });
        Assert.Equal(200, status);
        Assert.Equal("completed", (string?)body!["result"]);
        var (token, output) = Assert.Single(_server.Callbacks.Successes);
        Assert.Equal(task.Id, Steps.HumanTasks.TaskTokens.Id(token));
        Assert.Equal(code, (string?)JsonNode.Parse(output)!["code"]);
        Assert.Equal("bob", (string?)JsonNode.Parse(output)!["actor"]);

        var (again, _) = await ApiServer.SendAsync(bob, HttpMethod.Post, $"api/tasks/{task.Id}/complete", new JsonObject { ["code"] = code });
        Assert.Equal(404, again);
    }

    [Fact]
    public async Task A_malformed_code_is_400_and_the_task_stays_pending()
    {
        var id = await _server.SubmitAsync(ApiServer.Request());
        var task = await _server.AddTaskAsync(id);
        using var bob = _server.Client(ApiServer.Bob);
        var (status, body) = await ApiServer.SendAsync(bob, HttpMethod.Post, $"api/tasks/{task.Id}/complete", new JsonObject { ["code"] = "12ab" });
        Assert.Equal(400, status);
        Assert.Equal("invalidInput", (string?)body!["error"]);
        Assert.Empty(_server.Callbacks.Successes);
        Assert.NotNull(await _server.Inbox.FindAsync(task.Id));
    }

    [Fact]
    public async Task Reject_needs_a_reason_and_fails_the_task_with_it()
    {
        var id = await _server.SubmitAsync(ApiServer.Request());
        var task = await _server.AddTaskAsync(id, Steps.HumanTasks.HumanTaskKinds.SupportCaseDecision, "sandboxExit/decision");
        using var bob = _server.Client(ApiServer.Bob);
        var (missing, _) = await ApiServer.SendAsync(bob, HttpMethod.Post, $"api/tasks/{task.Id}/reject", new JsonObject());
        Assert.Equal(400, missing);
        var (status, _) = await ApiServer.SendAsync(bob, HttpMethod.Post, $"api/tasks/{task.Id}/reject", new JsonObject { ["reason"] = "wrong pool" });
        Assert.Equal(200, status);
        var failure = Assert.Single(_server.Callbacks.Failures);
        Assert.Equal("HumanTaskRejected", failure.Error);
        Assert.Contains("bob", failure.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requesters_see_their_tasks_but_may_not_act_and_phones_are_not_theirs_to_read()
    {
        var id = await _server.SubmitAsync(ApiServer.Request());
        await _server.AddTaskAsync(id);
        using var alice = _server.Client(ApiServer.Alice);
        var (_, list) = await ApiServer.SendAsync(alice, HttpMethod.Get, "api/tasks");
        Assert.False((bool)list!.AsArray().Single()!["canComplete"]!);
        var (phone, _) = await ApiServer.SendAsync(alice, HttpMethod.Get, "sim/phones/+12065550101/messages");
        Assert.Equal(403, phone);
    }

    [Fact]
    public async Task Clock_advance_moves_the_simulated_time()
    {
        using var ops = _server.Client(ApiServer.Olivia);
        var before = _server.Time.GetUtcNow();
        var (status, _) = await ApiServer.SendAsync(ops, HttpMethod.Post, "sim/clock/advance", new JsonObject { ["seconds"] = 3600 });
        Assert.Equal(200, status);
        Assert.Equal(before.AddHours(1), _server.Time.GetUtcNow());
        var (bad, _) = await ApiServer.SendAsync(ops, HttpMethod.Post, "sim/clock/advance", new JsonObject { ["seconds"] = -1 });
        Assert.Equal(400, bad);
    }

    private async Task SendSandboxCodeAsync(string phone)
    {
        var result = await AwsCli.RunAsync(_server.Host.BaseUri, "sns", "create-sms-sandbox-phone-number", "--phone-number", phone);
        Assert.True(result.ExitCode == 0, result.StdErr);
    }
}
