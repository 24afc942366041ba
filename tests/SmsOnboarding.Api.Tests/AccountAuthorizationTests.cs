using System.Text.Json.Nodes;
using SmsOnboarding.Api.Auth;
using SmsOnboarding.Api.Tests.Support;

namespace SmsOnboarding.Api.Tests;

/// <summary>
/// Who may do what per account (issue 12.5), through loopback HTTP and the aws CLI with a users file that maps teams
/// to accounts: checkout owns the service account 111122223333, payments owns 444455556666.
/// </summary>
public sealed class AccountAuthorizationTests : IAsyncLifetime
{
    private const string Checkout = "111122223333";
    private const string Payments = "444455556666";
    private static readonly (string, string) PatKey = ("AKIAPATAPPROVER00001", "pat-secret-key-0123456789");

    private string _usersFile = "";
    private ApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _usersFile = Path.Combine(Path.GetTempPath(), $"users-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(_usersFile, $$"""
            {
              "teams": {
                "checkout": { "accounts": ["{{Checkout}}"] },
                "payments": { "accounts": ["{{Payments}}"] }
              },
              "users": [
                { "name": "alice", "token": "token-alice-1", "roles": ["requester"], "team": "checkout" },
                { "name": "amy", "token": "token-amy-123", "roles": ["requester"], "team": "checkout" },
                { "name": "paul", "token": "token-paul-12", "roles": ["requester"], "team": "payments" },
                { "name": "bob", "token": "token-bob-123", "roles": ["approver"] },
                { "name": "pat", "token": "token-pat-123", "roles": ["approver"], "accounts": ["{{Payments}}"],
                  "accessKeyId": "{{PatKey.Item1}}", "secretAccessKey": "{{PatKey.Item2}}" },
                { "name": "olivia", "token": "token-olivia-1", "roles": ["ops"] }
              ]
            }
            """);
        _server = await ApiServer.StartAsync(_usersFile);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        File.Delete(_usersFile);
    }

    [Fact]
    public async Task Requester_is_refused_a_pool_in_another_teams_account_with_a_problem_naming_the_account_and_team()
    {
        using var alice = _server.Client("token-alice-1");
        var request = ApiServer.Request("alice-payments");
        request["accountId"] = Payments;

        foreach (var path in new[] { "api/onboardings", "api/onboardings?dryRun=true", "api/onboardings/validate" })
        {
            var (status, body) = await ApiServer.SendAsync(alice, HttpMethod.Post, path, request);
            Assert.Equal(403, status);
            var problem = body!["problems"]!.AsArray().Single()!;
            Assert.Equal("accountId", (string?)problem["field"]);
            Assert.Contains(Payments, (string?)body["message"], StringComparison.Ordinal);
            Assert.Contains("checkout", (string?)body["message"], StringComparison.Ordinal);
        }
        Assert.Equal(0, _server.Runtime.Starts);
    }

    [Fact]
    public async Task Requester_onboards_pools_in_their_teams_account_and_the_account_is_recorded()
    {
        var id = await _server.SubmitAsync(ApiServer.Request(), "token-alice-1");

        using var alice = _server.Client("token-alice-1");
        var (_, detail) = await ApiServer.SendAsync(alice, HttpMethod.Get, $"api/onboardings/{id}");
        Assert.Equal(Checkout, (string?)detail!["accountId"]);
        var (_, list) = await ApiServer.SendAsync(alice, HttpMethod.Get, "api/onboardings");
        Assert.Equal(Checkout, (string?)list!["items"]![0]!["accountId"]);
    }

    [Fact]
    public async Task Requester_onboards_only_for_their_own_team()
    {
        using var alice = _server.Client("token-alice-1");
        var (status, body) = await ApiServer.SendAsync(alice, HttpMethod.Post, "api/onboardings", ApiServer.Request(team: "payments"));
        Assert.Equal(403, status);
        Assert.Contains("team 'checkout'", (string?)body!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requesters_see_their_teams_onboardings_and_not_another_teams()
    {
        var id = await _server.SubmitAsync(ApiServer.Request(), "token-alice-1");

        using var amy = _server.Client("token-amy-123");
        var (teamMate, _) = await ApiServer.SendAsync(amy, HttpMethod.Get, $"api/onboardings/{id}");
        Assert.Equal(200, teamMate);
        var (_, amysList) = await ApiServer.SendAsync(amy, HttpMethod.Get, "api/onboardings");
        Assert.Equal(id, (string?)amysList!["items"]![0]!["id"]);

        using var paul = _server.Client("token-paul-12");
        var (other, body) = await ApiServer.SendAsync(paul, HttpMethod.Get, $"api/onboardings/{id}");
        Assert.Equal(403, other);
        Assert.Contains("team", (string?)body!["message"], StringComparison.Ordinal);
        var (_, paulsList) = await ApiServer.SendAsync(paul, HttpMethod.Get, "api/onboardings");
        Assert.Equal(0, (int)paulsList!["total"]!);
    }

    [Fact]
    public async Task List_filters_by_account_and_refuses_an_account_that_is_not_12_digits()
    {
        var checkout = await _server.SubmitAsync(ApiServer.Request(), "token-alice-1");
        var payments = await _server.SubmitAsync(PaymentsRequest(), "token-paul-12");

        using var olivia = _server.Client("token-olivia-1");
        var (_, inPayments) = await ApiServer.SendAsync(olivia, HttpMethod.Get, $"api/onboardings?account={Payments}");
        Assert.Equal([payments], inPayments!["items"]!.AsArray().Select(i => (string?)i!["id"]));
        var (_, inCheckout) = await ApiServer.SendAsync(olivia, HttpMethod.Get, $"api/onboardings?account={Checkout}");
        Assert.Equal([checkout], inCheckout!["items"]!.AsArray().Select(i => (string?)i!["id"]));

        var (status, body) = await ApiServer.SendAsync(olivia, HttpMethod.Get, "api/onboardings?account=4444");
        Assert.Equal(400, status);
        Assert.Equal("invalidQuery", (string?)body!["error"]);
    }

    [Fact]
    public async Task Approver_limited_to_accounts_completes_tasks_only_of_those_accounts()
    {
        var inCheckout = await _server.SubmitAsync(ApiServer.Request(approvers: ["bob", "pat"]), "token-alice-1");
        var checkoutTask = await _server.AddTaskAsync(inCheckout);
        var inPayments = await _server.SubmitAsync(PaymentsRequest(approvers: ["pat"]), "token-paul-12");
        var paymentsTask = await _server.AddTaskAsync(inPayments);

        using var pat = _server.Client("token-pat-123");
        var (refused, body) = await ApiServer.SendAsync(pat, HttpMethod.Post, $"api/tasks/{checkoutTask.Id}/complete", new JsonObject { ["code"] = "123456" });
        Assert.Equal(403, refused);
        Assert.Contains(Checkout, (string?)body!["message"], StringComparison.Ordinal);
        var (allowed, _) = await ApiServer.SendAsync(pat, HttpMethod.Post, $"api/tasks/{paymentsTask.Id}/complete", new JsonObject { ["code"] = "123456" });
        Assert.Equal(200, allowed);

        using var bob = _server.Client("token-bob-123");
        var (unlimited, _) = await ApiServer.SendAsync(bob, HttpMethod.Post, $"api/tasks/{checkoutTask.Id}/complete", new JsonObject { ["code"] = "123456" });
        Assert.Equal(200, unlimited);
    }

    [Fact]
    public async Task Approver_limited_to_accounts_cannot_answer_another_accounts_task_on_the_step_functions_endpoint()
    {
        var id = await _server.SubmitAsync(ApiServer.Request(approvers: ["pat"]), "token-alice-1");
        var (_, token) = await _server.AddTaskWithTokenAsync(id);

        var (code, _, stderr) = await AwsCli.RunAsAsync(PatKey, _server.Host.BaseUri, "stepfunctions", "send-task-heartbeat", "--task-token", token);
        Assert.NotEqual(0, code);
        Assert.Contains("AccessDeniedException", stderr, StringComparison.Ordinal);
        Assert.Contains(Checkout, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_users_file_without_teams_lets_every_requester_use_any_account()
    {
        await using var server = await ApiServer.StartAsync();
        var request = ApiServer.Request();
        request["accountId"] = Payments;
        var id = await server.SubmitAsync(request);
        using var alice = server.Client(ApiServer.Alice);
        var (_, detail) = await ApiServer.SendAsync(alice, HttpMethod.Get, $"api/onboardings/{id}");
        Assert.Equal(Payments, (string?)detail!["accountId"]);
    }

    [Theory]
    [InlineData("""{"teams":{"checkout":{"accounts":["111122223333"]}},"users":[{"name":"a","token":"token-a-123","roles":["requester"],"team":"growth"}]}""",
        "users[0].team 'growth' is not one of the file's teams")]
    [InlineData("""{"teams":{"checkout":{"accounts":["1111"]}},"users":[{"name":"a","token":"token-a-123","roles":["ops"]}]}""",
        "teams.checkout.accounts[0] '1111' is not a 12-digit AWS account id")]
    [InlineData("""{"teams":{"checkout":{"accounts":["111122223333","111122223333"]}},"users":[{"name":"a","token":"token-a-123","roles":["ops"]}]}""",
        "teams.checkout.accounts[1] '111122223333' is listed twice")]
    [InlineData("""{"teams":{"checkout":{"accounts":[]}},"users":[{"name":"a","token":"token-a-123","roles":["ops"]}]}""",
        "teams.checkout.accounts must list one or more")]
    [InlineData("""{"teams":{"checkout":{"accounts":["111122223333"]},"checkout":{"accounts":["444455556666"]}},"users":[{"name":"a","token":"token-a-123","roles":["ops"]}]}""",
        "not a JSON array of users")]
    [InlineData("""{"teams":{"checkout":{"accounts":["111122223333"]}},"users":[{"name":"a","token":"token-a-123","roles":["requester"]}]}""",
        "users[0]: requester 'a' needs a team")]
    [InlineData("""{"teams":{"checkout":{"accounts":["111122223333"]}},"users":[{"name":"a","token":"token-a-123","roles":["requester"],"team":"checkout","accounts":["111122223333"]}]}""",
        "users[0].accounts limits what an approver approves, but 'a' is not an approver")]
    [InlineData("""{"teams":{"checkout":{"accounts":["111122223333"]}},"users":[{"name":"b","token":"token-b-123","roles":["approver"],"accounts":["12345678901x"]}]}""",
        "users[0].accounts[0] '12345678901x' is not a 12-digit AWS account id")]
    [InlineData("""[{"name":"a","token":"token-a-123","roles":["requester"],"team":"checkout"}]""",
        "users[0].team 'checkout': this file has no teams")]
    [InlineData("""[{"name":"a","token":"token-a-123","roles":["ops"]},{"name":"a","token":"token-a-456","roles":["ops"]}]""",
        "users[1].name 'a' is listed twice")]
    [InlineData("""[{"name":"a","token":"token-a-123","roles":["requester"],"teem":"checkout"}]""",
        "not a JSON array of users")]
    public void A_malformed_users_file_is_refused_naming_the_entry(string json, string expected)
    {
        var e = Assert.Throws<UsersFileException>(() => UserDirectory.Parse(json, "users.json"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("users.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_refuses_to_start_on_a_users_file_with_an_unknown_team()
    {
        var users = Path.Combine(Path.GetTempPath(), $"users-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(users, """{"teams":{"checkout":{"accounts":["111122223333"]}},"users":[{"name":"a","token":"token-a-123","roles":["requester"],"team":"growth"}]}""");
        var e = await Assert.ThrowsAsync<UsersFileException>(() => ApiServer.StartAsync(users));
        Assert.Contains("users[0].team 'growth'", e.Message, StringComparison.Ordinal);
        File.Delete(users);
    }

    private static JsonObject PaymentsRequest(string[]? approvers = null)
    {
        var request = ApiServer.Request("payments-1", requester: "paul", team: "payments", pool: "us-east-1_Payments1", approvers: approvers);
        request["accountId"] = Payments;
        return request;
    }
}
