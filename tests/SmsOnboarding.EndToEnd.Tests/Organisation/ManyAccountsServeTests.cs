using System.Text.Json.Nodes;
using static SmsOnboarding.EndToEnd.Tests.Organisation.OrganisationServe;

namespace SmsOnboarding.EndToEnd.Tests.Organisation;

/// <summary>Issue 12's end to end: three teams' accounts, six pools, through <c>serve</c> and the HTTP API only.</summary>
public sealed class ManyAccountsServeTests
{
    [Fact]
    public async Task Six_pools_in_three_accounts_complete_and_each_account_and_region_asks_aws_once()
    {
        await using var org = await StartAsync(poolsPerAccount: 2);
        using var alice = org.Client(Token("checkout"));
        var requests = new (string Team, string Account, string Pool, string Phone)[]
        {
            ("checkout", Checkout, "us-east-1_Checkout1", "+12065550101"),
            ("checkout", Checkout, "us-east-1_Checkout2", "+12065550102"),
            ("payments", Payments, "us-east-1_Payments1", "+12065550103"),
            ("payments", Payments, "us-east-1_Payments2", "+12065550104"),
            ("search", Search, "eu-west-1_Search1", "+12065550105"),
            ("search", Search, "eu-west-1_Search2", "+12065550106"),
        };

        // Started together: the two of each account and Region race for the same account-level work.
        var submitted = await Task.WhenAll(requests.Select(async r =>
        {
            using var client = org.Client(Token(r.Team));
            var (status, body) = await SendAsync(client, HttpMethod.Post, "api/onboardings", Request(r.Team, r.Account, r.Pool, r.Phone));
            Assert.True(status == 202, $"{r.Pool}: {status} {body?.ToJsonString()}");
            return (Id: (string)body!["id"]!, r.Account, r.Phone);
        }));

        var (refusedStatus, refused) = await SendAsync(alice, HttpMethod.Post, "api/onboardings", Request("checkout", Payments, "us-east-1_Payments1", "+12065550199"));
        Assert.Equal(403, refusedStatus);
        Assert.Contains(Payments, refused!.ToJsonString(), StringComparison.Ordinal);
        var (busyStatus, busy) = await SendAsync(alice, HttpMethod.Post, "api/onboardings", Request("checkout", Checkout, "us-east-1_Checkout1", "+12065550198"));
        Assert.Equal(409, busyStatus);
        Assert.Contains(submitted[0].Id, busy!.ToJsonString(), StringComparison.Ordinal);

        var details = await org.DriveAsync(submitted.ToDictionary(s => s.Id, s => s.Phone), TimeSpan.FromMinutes(4));

        Assert.All(details, d => Assert.True((string?)d.Value["status"] == "completed", $"{d.Key}: {d.Value.ToJsonString()}"));
        foreach (var account in new[] { Checkout, Payments, Search })
        {
            var cases = submitted.Where(s => s.Account == account).SelectMany(s => details[s.Id]["cases"]!.AsArray()).ToList();
            Assert.Equal((string?)details[submitted.First(s => s.Account == account).Id]["accountId"], account);
            foreach (var need in new[] { "sandboxExit", "spendIncrease" })
            {
                var asked = cases.Where(c => (string?)c!["need"] == need).ToList();
                Assert.True(asked.Count == 2 && asked.Count(c => (string?)c!["channel"] != "joined") == 1,
                    $"{account} {need}: {new JsonArray([.. asked.Select(c => c!.DeepClone())]).ToJsonString()}");
            }
        }
        Assert.False(org.Deployment.Simulator.IsInSandbox("us-east-1"));
        Assert.False(org.Deployment.Simulator.AccountById(Payments)!.IsInSandbox("us-east-1"));
        Assert.False(org.Deployment.Simulator.AccountById(Search)!.IsInSandbox("eu-west-1"));

        // Ops see every account's live facts in the Accounts view, members' too.
        using var olivia = org.Client(Token("ops"));
        var (accountsStatus, accounts) = await SendAsync(olivia, HttpMethod.Get, "api/accounts");
        Assert.Equal(200, accountsStatus);
        foreach (var (account, region) in new[] { (Checkout, "us-east-1"), (Payments, "us-east-1"), (Search, "eu-west-1") })
        {
            var row = accounts!["accounts"]!.AsArray().Single(r => (string?)r!["accountId"] == account && (string?)r["snsRegion"] == region)!;
            Assert.True(row["inSandbox"]!["value"] is JsonValue inSandbox && !inSandbox.GetValue<bool>(), $"{account}: {row.ToJsonString()}");
            Assert.Equal(250m, row["spendLimitUsd"]!["value"]!.GetValue<decimal>());
            Assert.Equal(2, row["onboardings"]!["completed"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task A_person_files_a_case_in_the_support_center_of_the_account_the_case_text_names()
    {
        await using var org = await StartAsync(poolsPerAccount: 1);
        using var bob = org.Client(Token("bob"));
        JsonObject Case(JsonNode? account) => new() { ["subject"] = "SNS Text Messaging: exit SMS sandbox in us-east-1", ["body"] = "AWS account: 444455556666\nLimit: Exit SMS Sandbox", ["accountId"] = account };

        var (filed, body) = await SendAsync(bob, HttpMethod.Post, "sim/support-center/cases", Case(Payments));
        var (unknown, _) = await SendAsync(bob, HttpMethod.Post, "sim/support-center/cases", Case("999988887777"));
        var (malformed, problem) = await SendAsync(bob, HttpMethod.Post, "sim/support-center/cases", Case(444455556666));

        Assert.Equal(200, filed);
        Assert.StartsWith($"case-{Payments}-", (string?)body!["caseId"], StringComparison.Ordinal);
        Assert.Equal(404, unknown);
        Assert.Equal(400, malformed);
        Assert.Contains("accountId must be 12 digits", problem!.ToJsonString(), StringComparison.Ordinal);
    }
}

/// <summary>
/// Issue 12's load test, bounded and on loopback: 200 onboardings submitted at once by 20 clients across three
/// accounts all finish, each account and SNS Region opens one sandbox case, and none fails for another's reason.
/// </summary>
public sealed class ManyAccountsLoadTests
{
    private const int Onboardings = 200;
    private const int Clients = 20;

    [LoadFact]
    public async Task Two_hundred_onboardings_across_three_accounts_finish_with_one_sandbox_case_per_account_and_region()
    {
        var perAccount = (Onboardings + 2) / 3;
        await using var org = await StartAsync(poolsPerAccount: perAccount);
        var planned = Enumerable.Range(0, Onboardings).Select(i => (i % 3) switch
        {
            0 => ("checkout", Checkout, $"us-east-1_Checkout{(i / 3) + 1}"),
            1 => ("payments", Payments, $"us-east-1_Payments{(i / 3) + 1}"),
            _ => ("search", Search, $"eu-west-1_Search{(i / 3) + 1}"),
        }).Select((r, i) => (Team: r.Item1, Account: r.Item2, Pool: r.Item3, Phone: "+1206555" + (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();

        var submitted = new System.Collections.Concurrent.ConcurrentBag<(string Id, string Account, string Phone)>();
        await Parallel.ForEachAsync(planned, new ParallelOptions { MaxDegreeOfParallelism = Clients }, async (r, _) =>
        {
            using var client = org.Client(Token(r.Team));
            var (status, body) = await SendAsync(client, HttpMethod.Post, "api/onboardings", Request(r.Team, r.Account, r.Pool, r.Phone));
            Assert.True(status == 202, $"{r.Pool}: {status} {body?.ToJsonString()}");
            submitted.Add(((string)body!["id"]!, r.Account, r.Phone));
        });

        var details = await org.DriveAsync(submitted.ToDictionary(s => s.Id, s => s.Phone), TimeSpan.FromMinutes(12));

        var notCompleted = details.Where(d => (string?)d.Value["status"] != "completed").Select(d => d.Value.ToJsonString()).ToList();
        Assert.True(notCompleted.Count == 0, $"{notCompleted.Count} of {Onboardings} did not complete; the first: " + string.Join("\n", notCompleted.Take(2).Select(j => j.Length > 2500 ? j[^2500..] : j)));
        foreach (var account in new[] { Checkout, Payments, Search })
        {
            var sandboxCases = submitted.Where(s => s.Account == account)
                .SelectMany(s => details[s.Id]["cases"]!.AsArray()).Where(c => (string?)c!["need"] == "sandboxExit").ToList();
            Assert.Single(sandboxCases, c => (string?)c!["channel"] != "joined");
        }
    }
}
