using SmsOnboarding.Cli.Tests.Support;

namespace SmsOnboarding.Cli.Tests.Api;

/// <summary>The CLI with a users file that maps teams to accounts (issue 12.5): the account is shown and enforced.</summary>
public sealed class AccountsCliTests : IAsyncLifetime
{
    private string _users = "";
    private LocalServer _server = null!;

    public async Task InitializeAsync()
    {
        _users = Path.Combine(Path.GetTempPath(), $"users-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(_users, """
            { "teams": { "checkout": { "accounts": ["111122223333"] } },
              "users": [ { "name": "alice", "token": "token-alice-1", "roles": ["requester"], "team": "checkout" },
                         { "name": "olivia", "token": "token-olivia-1", "roles": ["ops"] } ] }
            """);
        _server = await LocalServer.StartAsync(_users);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        File.Delete(_users);
    }

    [Fact]
    public async Task Request_create_for_an_account_outside_the_team_fails_naming_the_account_and_team()
    {
        var alice = _server.As("token-alice-1");

        var created = await CliProcess.RunAsync(alice, "request", "create", "--file", CliRunner.Example(), "--account", "444455556666");

        Assert.NotEqual(0, created.ExitCode);
        Assert.Contains("444455556666", created.Error, StringComparison.Ordinal);
        Assert.Contains("checkout", created.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_show_and_list_print_the_account_and_list_filters_by_it()
    {
        var alice = _server.As("token-alice-1");
        var created = await CliProcess.RunAsync(alice, "request", "create", "--file", CliRunner.Example(), "--request-id", "cli-account-1");
        Assert.True(created.ExitCode == 0, created.Error);
        var id = created.Output.Split(' ')[0];

        var shown = await CliProcess.RunAsync(alice, "request", "show", id);
        var inAccount = await CliProcess.RunAsync(alice, "request", "list", "--account", "111122223333");
        var elsewhere = await CliProcess.RunAsync(alice, "request", "list", "--account", "444455556666");

        Assert.Contains("account 111122223333", shown.Output, StringComparison.Ordinal);
        Assert.Contains(inAccount.Output.Split('\n'), l => l.Contains(id, StringComparison.Ordinal) && l.Contains("111122223333", StringComparison.Ordinal));
        Assert.DoesNotContain(id, elsewhere.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accounts_shows_ops_each_account_and_region_with_its_facts_and_refuses_requesters()
    {
        var created = await CliProcess.RunAsync(_server.As("token-alice-1"), "request", "create", "--file", CliRunner.Example(), "--request-id", "cli-accounts-1");
        Assert.True(created.ExitCode == 0, created.Error);

        var view = await CliProcess.RunAsync(_server.As("token-olivia-1"), "accounts");
        var member = await CliProcess.RunAsync(_server.As("token-olivia-1"), "accounts", "--account", "444455556666", "--sns-region", "eu-west-1");
        var refused = await CliProcess.RunAsync(_server.As("token-alice-1"), "accounts");

        Assert.True(view.ExitCode == 0, view.Error);
        var row = Assert.Single(view.Output.Split('\n'), l => l.StartsWith("111122223333", StringComparison.Ordinal));
        Assert.Contains("us-east-1", row, StringComparison.Ordinal);
        Assert.DoesNotContain("unknown", row, StringComparison.Ordinal);
        Assert.Contains("unknown: the service does not act in account 444455556666", member.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("ops", refused.Error, StringComparison.Ordinal);
    }
}
