using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SmsOnboarding.Api.Auth;
using SmsOnboarding.Api.Tests.Support;

namespace SmsOnboarding.Api.Tests;

/// <summary>Each rule of who may do what, asked of the policies and the one resource-based handler directly.</summary>
public sealed class AuthorizationRuleTests
{
    private static readonly OnboardingParties AliceAsksBobApproves = new("onb-1", "alice", ["bob"]);

    private static readonly ApiUser Alice = new("alice", new HashSet<string> { Roles.Requester });
    private static readonly ApiUser Carol = new("carol", new HashSet<string> { Roles.Requester });
    private static readonly ApiUser Bob = new("bob", new HashSet<string> { Roles.Approver });
    private static readonly ApiUser Brenda = new("brenda", new HashSet<string> { Roles.Approver });
    private static readonly ApiUser Olivia = new("olivia", new HashSet<string> { Roles.Ops });

    private readonly OnboardingAuthorizer _authorizer = new ServiceCollection().AddLogging().AddOnboardingAuthorization()
        .BuildServiceProvider().GetRequiredService<OnboardingAuthorizer>();

    private Task<bool> Allows(ApiUser user, OnboardingOperation operation, OnboardingParties? onboarding = null) =>
        _authorizer.AllowsAsync(user, operation, onboarding ?? AliceAsksBobApproves);

    [Fact]
    public async Task Requester_reads_their_own_onboarding_but_not_another_requesters()
    {
        Assert.True(await Allows(Alice, OnboardingOperation.Read));
        var refusal = await _authorizer.RefusalAsync(Carol, OnboardingOperation.Read, AliceAsksBobApproves);
        Assert.Contains("requesters see only their own", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approvers_and_ops_read_every_onboarding()
    {
        Assert.True(await Allows(Brenda, OnboardingOperation.Read));
        Assert.True(await Allows(Olivia, OnboardingOperation.Read));
        Assert.True(await _authorizer.AllowsAsync(Brenda, Policies.ReadsEveryOnboarding));
        Assert.False(await _authorizer.AllowsAsync(Alice, Policies.ReadsEveryOnboarding));
    }

    [Fact]
    public async Task Requester_submits_only_in_their_own_name_and_ops_in_anyones()
    {
        Assert.True(await Allows(Alice, OnboardingOperation.Submit));
        Assert.False(await Allows(Carol, OnboardingOperation.Submit));
        Assert.True(await Allows(Olivia, OnboardingOperation.Submit));
        Assert.False(await _authorizer.AllowsAsync(Bob, Policies.Submitter));
    }

    [Fact]
    public async Task Requester_cancels_their_own_onboarding_but_approvers_and_other_requesters_do_not()
    {
        Assert.True(await Allows(Alice, OnboardingOperation.Cancel));
        Assert.True(await Allows(Olivia, OnboardingOperation.Cancel));
        Assert.False(await Allows(Carol, OnboardingOperation.Cancel));
        Assert.False(await Allows(Bob, OnboardingOperation.Cancel));
    }

    [Fact]
    public async Task Only_ops_redrive_an_onboarding()
    {
        Assert.True(await Allows(Olivia, OnboardingOperation.Redrive));
        Assert.False(await Allows(Alice, OnboardingOperation.Redrive));
        Assert.False(await Allows(Bob, OnboardingOperation.Redrive));
    }

    [Fact]
    public async Task Requester_cannot_complete_a_task_of_another_onboarding()
    {
        var refusal = await _authorizer.RefusalAsync(Carol, OnboardingOperation.Approve, AliceAsksBobApproves);
        Assert.Contains("not an approver", refusal, StringComparison.Ordinal);
        Assert.False(await Allows(Carol, OnboardingOperation.Callback));
    }

    [Fact]
    public async Task Approver_not_named_on_the_onboarding_cannot_complete_its_tasks()
    {
        Assert.True(await Allows(Bob, OnboardingOperation.Approve));
        var refusal = await _authorizer.RefusalAsync(Brenda, OnboardingOperation.Approve, AliceAsksBobApproves);
        Assert.Contains("names bob as approver(s), not brenda", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Any_approver_completes_tasks_of_an_onboarding_that_names_none_except_on_their_own_request()
    {
        var unnamed = AliceAsksBobApproves with { Approvers = [] };
        Assert.True(await Allows(Brenda, OnboardingOperation.Approve, unnamed));
        var dana = new ApiUser("dana", new HashSet<string> { Roles.Requester, Roles.Approver });
        var refusal = await _authorizer.RefusalAsync(dana, OnboardingOperation.Approve, unnamed with { Requester = "dana" });
        Assert.Contains("own request", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ops_send_raw_task_callbacks_but_do_not_complete_tasks_in_the_inbox()
    {
        Assert.True(await Allows(Olivia, OnboardingOperation.Callback));
        Assert.False(await Allows(Olivia, OnboardingOperation.Approve));
        Assert.True(await Allows(Bob, OnboardingOperation.Callback));
    }

    [Fact]
    public async Task Task_tokens_and_codes_are_seen_only_by_who_may_use_them()
    {
        Assert.False(await Allows(Alice, OnboardingOperation.SeeSecrets));
        Assert.False(await Allows(Brenda, OnboardingOperation.SeeSecrets));
        Assert.True(await Allows(Bob, OnboardingOperation.SeeSecrets));
        Assert.True(await Allows(Olivia, OnboardingOperation.SeeSecrets));
    }

    [Fact]
    public async Task Requester_sees_the_pending_tasks_of_their_own_onboarding_only()
    {
        Assert.True(await Allows(Alice, OnboardingOperation.ViewTasks));
        Assert.False(await Allows(Carol, OnboardingOperation.ViewTasks));
        Assert.False(await Allows(Brenda, OnboardingOperation.ViewTasks));
    }

    [Fact]
    public async Task Role_policies_say_which_role_is_missing()
    {
        Assert.Equal("alice needs the role ops for this.", await _authorizer.RefusalAsync(Alice, Policies.Ops));
        Assert.True(await _authorizer.AllowsAsync(Bob, Policies.ApproverOrOps));
        Assert.False(await _authorizer.AllowsAsync(Alice, Policies.ApproverOrOps));
    }
}

/// <summary>The same rules through the HTTP API of the serve host.</summary>
public sealed class ApiAuthorizationRuleTests : IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync(await UsersFileAsync());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    internal static async Task<string> UsersFileAsync()
    {
        var users = Path.Combine(Path.GetTempPath(), $"users-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(users, """
            [{"name":"alice","token":"demo-requester-alice","roles":["requester"]},
             {"name":"carol","token":"token-carol-1","roles":["requester"]},
             {"name":"bob","token":"demo-approver-bob","roles":["approver"]},
             {"name":"brenda","token":"token-brenda-1","roles":["approver"]},
             {"name":"olivia","token":"demo-ops-olivia","roles":["ops"]}]
            """);
        return users;
    }

    [Fact]
    public async Task Requester_cannot_complete_a_task_of_another_onboarding()
    {
        var id = await _server.SubmitAsync(ApiServer.Request());
        var task = await _server.AddTaskAsync(id);
        using var carol = _server.Client("token-carol-1");
        var (status, body) = await ApiServer.SendAsync(carol, HttpMethod.Post, $"api/tasks/{task.Id}/complete", new JsonObject { ["code"] = "123456" });
        Assert.Equal(403, status);
        Assert.Equal("forbidden", (string?)body!["error"]);
        Assert.Empty(_server.Callbacks.Successes);
    }

    [Fact]
    public async Task Approver_not_named_on_the_onboarding_neither_sees_nor_rejects_its_task()
    {
        var id = await _server.SubmitAsync(ApiServer.Request());
        var task = await _server.AddTaskAsync(id);
        using var brenda = _server.Client("token-brenda-1");
        var (_, list) = await ApiServer.SendAsync(brenda, HttpMethod.Get, "api/tasks");
        Assert.Empty(list!.AsArray());
        var (status, body) = await ApiServer.SendAsync(brenda, HttpMethod.Post, $"api/tasks/{task.Id}/reject", new JsonObject { ["reason"] = "no" });
        Assert.Equal(403, status);
        Assert.Contains("not brenda", (string?)body!["message"], StringComparison.Ordinal);
        Assert.Empty(_server.Callbacks.Failures);
    }

    [Fact]
    public async Task Requester_sees_the_task_of_their_own_onboarding_but_may_not_complete_it()
    {
        var id = await _server.SubmitAsync(ApiServer.Request());
        await _server.AddTaskAsync(id);
        using var alice = _server.Client(ApiServer.Alice);
        var (_, list) = await ApiServer.SendAsync(alice, HttpMethod.Get, "api/tasks");
        var listed = Assert.Single(list!.AsArray());
        Assert.False((bool)listed!["canComplete"]!);
        using var carol = _server.Client("token-carol-1");
        var (_, none) = await ApiServer.SendAsync(carol, HttpMethod.Get, "api/tasks");
        Assert.Empty(none!.AsArray());
    }

    [Fact]
    public async Task Requester_cancels_their_own_onboarding_but_not_another_requesters()
    {
        var id = await _server.SubmitAsync(ApiServer.Request());
        using var carol = _server.Client("token-carol-1");
        var (refused, _) = await ApiServer.SendAsync(carol, HttpMethod.Post, $"api/onboardings/{id}/cancel");
        Assert.Equal(403, refused);
        using var bob = _server.Client(ApiServer.Bob);
        var (approver, body) = await ApiServer.SendAsync(bob, HttpMethod.Post, $"api/onboardings/{id}/cancel");
        Assert.Equal(403, approver);
        Assert.Contains("Only ops or the requester (alice)", (string?)body!["message"], StringComparison.Ordinal);
        using var alice = _server.Client(ApiServer.Alice);
        var (ok, cancelled) = await ApiServer.SendAsync(alice, HttpMethod.Post, $"api/onboardings/{id}/cancel");
        Assert.Equal(200, ok);
        Assert.Equal("cancelled", (string?)cancelled!["status"]);
    }

    [Theory]
    [InlineData(ApiServer.Alice, 403)]
    [InlineData(ApiServer.Bob, 403)]
    [InlineData(ApiServer.Olivia, 200)]
    public async Task Only_ops_open_the_dashboard(string token, int expected)
    {
        using var client = _server.Client(token);
        var (status, _) = await ApiServer.SendAsync(client, HttpMethod.Get, "api/dashboard");
        Assert.Equal(expected, status);
    }

    [Theory]
    [InlineData(ApiServer.Alice, "sim/phones", 403)]
    [InlineData(ApiServer.Bob, "sim/phones", 200)]
    [InlineData(ApiServer.Alice, "sim/topics/sms-onboarding-reminders/messages", 403)]
    [InlineData(ApiServer.Bob, "sim/scenario", 403)]
    [InlineData(ApiServer.Olivia, "sim/scenario", 200)]
    public async Task Simulated_phones_are_for_approvers_and_ops_and_the_scenario_for_ops(string token, string path, int expected)
    {
        using var client = _server.Client(token);
        using var response = await client.GetAsync(path);
        Assert.Equal(expected, (int)response.StatusCode);
    }
}
