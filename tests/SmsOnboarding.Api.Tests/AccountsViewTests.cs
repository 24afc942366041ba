using System.Text.Json.Nodes;
using SmsOnboarding.Api.Tests.Support;
using SmsOnboarding.Steps.AccountWork;

namespace SmsOnboarding.Api.Tests;

/// <summary>The ops' Accounts view (issue 12.5) over loopback HTTP: stores, open account work and live simulated-account facts.</summary>
public sealed class AccountsViewTests : IAsyncLifetime
{
    private const string Service = "111122223333";
    private const string Member = "444455556666";

    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await ApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Ops_see_each_account_and_region_with_live_facts_open_work_and_the_onboardings_waiting_on_it()
    {
        var owner = await _server.SubmitAsync(ApiServer.Request("owner-1"));
        var joiner = await _server.SubmitAsync(ApiServer.Request("joiner-1", pool: "us-east-1_Loyalty1"));
        await _server.AccountWork.ClaimOrJoinAsync(AccountWorkKeys.For(Service, "us-east-1", "sandboxExit"),
            new AccountWorkRecord(_server.Runtime.Get(owner).Arn, 0, _server.Time.GetUtcNow()));
        _server.Runtime.Get(joiner).Enter("Sandbox.WaitForReview", "Wait", _server.Time.GetUtcNow());

        using var olivia = _server.Client(ApiServer.Olivia);
        var (status, body) = await ApiServer.SendAsync(olivia, HttpMethod.Get, "api/accounts");

        Assert.Equal(200, status);
        var row = Assert.Single(body!["accounts"]!.AsArray())!;
        Assert.Equal((Service, "us-east-1"), ((string?)row["accountId"], (string?)row["snsRegion"]));
        Assert.Equal(1, (int)row["onboardings"]!["waitingOnAws"]!);
        Assert.True((bool)row["inSandbox"]!["value"]!);
        Assert.Equal(_server.Account.ApprovedSpendQuotaUsd("us-east-1"), (decimal)row["approvedSpendQuotaUsd"]!["value"]!);
        Assert.NotNull(row["spendLimitUsd"]!["value"]);
        Assert.NotNull(row["originationIdentities"]!["value"]);
        var work = Assert.Single(row["openWork"]!.AsArray())!;
        Assert.Equal(("sandboxExit", owner), ((string?)work["need"], (string?)work["owner"]));
        Assert.Equal([joiner], work["waiting"]!.AsArray().Select(w => (string?)w));
    }

    [Fact]
    public async Task An_account_the_service_cannot_read_shows_each_fact_as_unknown_with_the_reason()
    {
        var request = ApiServer.Request("member-1");
        request["accountId"] = Member;
        await _server.SubmitAsync(request);

        using var olivia = _server.Client(ApiServer.Olivia);
        var (status, body) = await ApiServer.SendAsync(olivia, HttpMethod.Get, $"api/accounts?account={Member}");

        Assert.Equal(200, status);
        var row = Assert.Single(body!["accounts"]!.AsArray())!;
        Assert.Equal(1, (int)row["onboardings"]!["running"]!);
        foreach (var fact in new[] { "inSandbox", "spendLimitUsd", "approvedSpendQuotaUsd", "originationIdentities" })
        {
            Assert.Null(row[fact]!["value"]);
            Assert.Contains($"account {Member}", (string?)row[fact]!["unknown"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Asking_for_one_account_and_region_shows_its_facts_before_anything_was_onboarded_there()
    {
        using var olivia = _server.Client(ApiServer.Olivia);
        var (_, body) = await ApiServer.SendAsync(olivia, HttpMethod.Get, $"api/accounts?account={Service}&snsRegion=eu-west-1");

        var row = Assert.Single(body!["accounts"]!.AsArray())!;
        Assert.Equal("eu-west-1", (string?)row["snsRegion"]);
        Assert.Empty(row["onboardings"]!.AsObject());
        Assert.NotNull(row["inSandbox"]!["value"]);
    }

    [Theory]
    [InlineData(ApiServer.Alice)]
    [InlineData(ApiServer.Bob)]
    public async Task Only_ops_see_the_accounts_view(string token)
    {
        using var client = _server.Client(token);
        var (status, body) = await ApiServer.SendAsync(client, HttpMethod.Get, "api/accounts");
        Assert.Equal(403, status);
        Assert.Equal("forbidden", (string?)body!["error"]);
    }

    [Theory]
    [InlineData("account=1234", "account")]
    [InlineData("account=11112222333x", "account")]
    [InlineData("snsRegion=mars-north-1", "snsRegion")]
    public async Task A_malformed_filter_is_400_naming_it(string query, string named)
    {
        using var olivia = _server.Client(ApiServer.Olivia);
        var (status, body) = await ApiServer.SendAsync(olivia, HttpMethod.Get, "api/accounts?" + query);
        Assert.Equal(400, status);
        Assert.Equal("invalidQuery", (string?)body!["error"]);
        Assert.StartsWith(named, (string?)body["message"], StringComparison.Ordinal);
    }
}
