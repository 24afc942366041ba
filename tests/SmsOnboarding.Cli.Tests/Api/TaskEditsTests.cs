using SmsOnboarding.Cli.Tests.Support;

namespace SmsOnboarding.Cli.Tests.Api;

/// <summary><c>tasks complete --edits FILE</c>: the answers a person changes after AWS sends a registration back.</summary>
public sealed class TaskEditsTests : IAsyncLifetime
{
    private LocalServer _server = null!;

    public async Task InitializeAsync() => _server = await LocalServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_edits_file_that_is_not_a_JSON_object_is_refused_before_anything_is_sent()
    {
        var dir = Directory.CreateTempSubdirectory("cli-edits-").FullName;
        var notJson = Path.Combine(dir, "edits.json");
        await File.WriteAllTextAsync(notJson, "optInType=TEXT");
        var list = Path.Combine(dir, "list.json");
        await File.WriteAllTextAsync(list, "[1, 2]");

        var broken = await CliProcess.RunAsync(_server.As("demo-approver-bob"), "tasks", "complete", "some-task", "--edits", notJson);
        var array = await CliProcess.RunAsync(_server.As("demo-approver-bob"), "tasks", "complete", "some-task", "--edits", list);
        var missing = await CliProcess.RunAsync(_server.As("demo-approver-bob"), "tasks", "complete", "some-task", "--edits", Path.Combine(dir, "none.json"));

        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("--edits edits.json: ", broken.Error, StringComparison.Ordinal);
        Assert.Equal(1, array.ExitCode);
        Assert.Contains("--edits list.json: must hold a JSON object of the answers to change", array.Error, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("--edits none.json: ", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edits_file_goes_to_the_task_named()
    {
        var edits = Path.Combine(Directory.CreateTempSubdirectory("cli-edits-").FullName, "edits.json");
        await File.WriteAllTextAsync(edits, """{"registration": {"optInType": "TEXT"}}""");

        var sent = await CliProcess.RunAsync(_server.As("demo-approver-bob"), "tasks", "complete", "no-such-task", "--edits", edits);

        // The server answered about the task, so the file was read and sent as the answer.
        Assert.Equal(1, sent.ExitCode);
        Assert.Contains("no-such-task", sent.Error, StringComparison.Ordinal);
    }
}
