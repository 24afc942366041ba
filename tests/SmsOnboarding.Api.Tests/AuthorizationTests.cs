using System.Text.Json.Nodes;
using SmsOnboarding.Api.Tests.Support;

namespace SmsOnboarding.Api.Tests;

public sealed class AuthorizationTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-known-token")]
    public async Task Api_calls_without_a_known_bearer_token_are_401_with_a_message(string? token)
    {
        using var client = _server.Client(token);
        var (status, body) = await ApiServer.SendAsync(client, HttpMethod.Get, "api/onboardings");
        Assert.Equal(401, status);
        Assert.Equal("unauthenticated", (string?)body!["error"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["message"]));
    }

    [Fact]
    public async Task Requesters_see_only_their_own_onboardings()
    {
        var users = Path.Combine(Path.GetTempPath(), $"users-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(users, """
            [{"name":"alice","token":"token-alice-1","roles":["requester"]},
             {"name":"carol","token":"token-carol-1","roles":["requester"]},
             {"name":"bob","token":"token-bob-12","roles":["approver"]}]
            """);
        await using var server = await ApiServer.StartAsync(users);
        var id = await server.SubmitAsync(ApiServer.Request(), "token-alice-1");

        using var carol = server.Client("token-carol-1");
        var (status, body) = await ApiServer.SendAsync(carol, HttpMethod.Get, $"api/onboardings/{id}");
        Assert.Equal(403, status);
        Assert.Contains("own", (string?)body!["message"], StringComparison.Ordinal);
        var (_, list) = await ApiServer.SendAsync(carol, HttpMethod.Get, "api/onboardings");
        Assert.Equal(0, (int)list!["total"]!);

        using var alice = server.Client("token-alice-1");
        var (mine, _) = await ApiServer.SendAsync(alice, HttpMethod.Get, $"api/onboardings/{id}");
        Assert.Equal(200, mine);
    }

    [Fact]
    public async Task Requesters_cannot_submit_in_someone_elses_name()
    {
        using var alice = _server.Client(ApiServer.Alice);
        var (status, body) = await ApiServer.SendAsync(alice, HttpMethod.Post, "api/onboardings", ApiServer.Request(requester: "mallory"));
        Assert.Equal(403, status);
        Assert.Contains("own name", (string?)body!["message"], StringComparison.Ordinal);
        Assert.Equal(0, _server.Runtime.Starts);
    }

    [Fact]
    public async Task Only_approvers_complete_tasks()
    {
        var id = await _server.SubmitAsync(ApiServer.Request());
        var task = await _server.AddTaskAsync(id);
        foreach (var token in new[] { ApiServer.Alice, ApiServer.Olivia })
        {
            using var client = _server.Client(token);
            var (status, body) = await ApiServer.SendAsync(client, HttpMethod.Post, $"api/tasks/{task.Id}/complete", new JsonObject { ["code"] = "123456" });
            Assert.Equal(403, status);
            Assert.Contains("not an approver", (string?)body!["message"], StringComparison.Ordinal);
        }
        Assert.Empty(_server.Callbacks.Successes);
    }

    [Fact]
    public async Task Nobody_completes_a_task_of_their_own_request()
    {
        var users = Path.Combine(Path.GetTempPath(), $"users-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(users, """
            [{"name":"dana","token":"token-dana-1","roles":["requester","approver"]}]
            """);
        await using var server = await ApiServer.StartAsync(users);
        var id = await server.SubmitAsync(ApiServer.Request(requester: "dana", approvers: ["erin"]), "token-dana-1");
        var task = await server.AddTaskAsync(id);

        using var dana = server.Client("token-dana-1");
        var (status, body) = await ApiServer.SendAsync(dana, HttpMethod.Post, $"api/tasks/{task.Id}/complete", new JsonObject { ["code"] = "123456" });
        Assert.Equal(403, status);
        Assert.Contains("own request", (string?)body!["message"], StringComparison.Ordinal);
        Assert.Empty(server.Callbacks.Successes);
    }

    [Fact]
    public async Task Only_ops_redrive()
    {
        var id = await _server.SubmitAsync(ApiServer.Request());
        _server.Runtime.Get(id).Finish(Onboardings.ExecutionState.Failed, _server.Time.GetUtcNow(), "States.TaskFailed", "boom");
        using var alice = _server.Client(ApiServer.Alice);
        var (status, _) = await ApiServer.SendAsync(alice, HttpMethod.Post, $"api/onboardings/{id}/redrive");
        Assert.Equal(403, status);

        using var olivia = _server.Client(ApiServer.Olivia);
        var (ok, body) = await ApiServer.SendAsync(olivia, HttpMethod.Post, $"api/onboardings/{id}/redrive");
        Assert.Equal(200, ok);
        Assert.Equal("running", (string?)body!["status"]);
    }

    [Fact]
    public async Task A_users_file_with_an_unknown_role_is_refused_with_where_it_is()
    {
        var users = Path.Combine(Path.GetTempPath(), $"users-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(users, """[{"name":"x","token":"token-x-123","roles":["admin"]}]""");
        var e = await Assert.ThrowsAsync<Auth.UsersFileException>(() => ApiServer.StartAsync(users));
        Assert.Contains("users[0].roles", e.Message, StringComparison.Ordinal);
    }
}
