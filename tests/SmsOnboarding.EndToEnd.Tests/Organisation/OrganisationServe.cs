using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SmsOnboarding.Serve;
using SmsOnboarding.Serve.Deployment;
using SmsOnboarding.Serve.Hosting;
using SmsOnboarding.Testing;

namespace SmsOnboarding.EndToEnd.Tests.Organisation;

/// <summary>
/// <c>serve</c> on a simulated organisation of three accounts, each a team's, driven only through the HTTP API as its
/// people would: requesters submit, the approver types the codes that reach the phones (read through /sim) and
/// approves. Service Quotas lists the SMS quotas in every account, so sandbox exit and spend need no filing by hand.
/// </summary>
internal sealed partial class OrganisationServe : IAsyncDisposable
{
    public const string Checkout = "111122223333";
    public const string Payments = "444455556666";
    public const string Search = "777788889999";

    private readonly string _dir;

    private OrganisationServe(string dir, ServeHost host, LocalDeployment deployment)
    {
        _dir = dir;
        Host = host;
        Deployment = deployment;
    }

    public ServeHost Host { get; }

    public LocalDeployment Deployment { get; }

    /// <param name="poolsPerAccount">Pools seeded in each account: checkout-N, payments-N, search-N (search in eu-west-1).</param>
    public static async Task<OrganisationServe> StartAsync(int poolsPerAccount)
    {
        var dir = Directory.CreateTempSubdirectory("org-serve-").FullName;
        var scenario = Path.Combine(dir, "scenario.json");
        await File.WriteAllTextAsync(scenario, new JsonObject
        {
            ["name"] = "organisation",
            ["iamPropagation"] = new JsonObject { ["readSeconds"] = 2, ["roleAssumptionSeconds"] = 15 },
            ["smsQuotas"] = new JsonObject { ["spendLimit"] = true, ["productionAccess"] = true },
            ["seed"] = Seed("us-east-1", "Checkout", poolsPerAccount),
            ["organization"] = new JsonObject
            {
                ["id"] = "o-a1b2c3d4e5",
                ["accounts"] = new JsonArray(Member(Payments, "us-east-1", "Payments", poolsPerAccount), Member(Search, "eu-west-1", "Search", poolsPerAccount)),
            },
        }.ToJsonString());
        var users = Path.Combine(dir, "users.json");
        await File.WriteAllTextAsync(users, $$"""
            { "teams": { "checkout": { "accounts": ["{{Checkout}}"] }, "payments": { "accounts": ["{{Payments}}"] }, "search": { "accounts": ["{{Search}}"] } },
              "users": [
                { "name": "alice", "token": "token-alice-1", "roles": ["requester"], "team": "checkout" },
                { "name": "paul", "token": "token-paul-12", "roles": ["requester"], "team": "payments" },
                { "name": "sara", "token": "token-sara-12", "roles": ["requester"], "team": "search" },
                { "name": "bob", "token": "token-bob-123", "roles": ["approver"] },
                { "name": "olivia", "token": "token-olivia-1", "roles": ["ops"] } ] }
            """);
        var data = Path.Combine(dir, "data");
        var (backends, deployment) = await LocalServe.CreateAsync(new LocalServeOptions { DataDirectory = data, ScenarioFile = scenario, Clock = ClockMode.Skip });
        var host = await ServeHost.StartAsync(new ServeOptions { Port = 0, DataDirectory = data, UsersFile = users, ConsoleLogging = false }, backends);
        return new OrganisationServe(dir, host, deployment);
    }

    public static string Token(string team) => team switch
    {
        "checkout" => "token-alice-1",
        "payments" => "token-paul-12",
        "search" => "token-sara-12",
        "bob" => "token-bob-123",
        _ => "token-olivia-1",
    };

    public HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = Host.BaseUri, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A request of <paramref name="team"/> for its pool <paramref name="pool"/>, with a sandbox phone of its own.</summary>
    public static JsonObject Request(string team, string account, string pool, string phone, decimal spend = 250)
    {
        var requester = team switch { "checkout" => "alice", "payments" => "paul", _ => "sara" };
        return new JsonObject
        {
            ["requestId"] = "req-" + pool.Replace('_', '-').ToLowerInvariant() + "-" + phone[^4..],
            ["userPoolId"] = pool,
            ["accountId"] = account,
            ["countries"] = new JsonArray("US", "CA"),
            ["monthlySpendUsd"] = spend,
            ["messageType"] = "OneTimePassword",
            ["useCase"] = $"One-time passwords for sign-in and account recovery of the {team} app.",
            ["websiteUrl"] = $"https://{team}.example.com",
            ["optInProcess"] = "Customers enter their number on the profile page and confirm with a code; opting in is optional.",
            ["sampleMessages"] = new JsonArray("Your sign-in code is {####}. It expires in 5 minutes."),
            ["sandboxNumbers"] = new JsonArray(phone),
            ["originationType"] = "TollFree",
            ["requester"] = requester,
            ["approvers"] = new JsonArray("bob"),
            ["team"] = team,
            ["registration"] = SampleRegistration.Json(),
        };
    }

    public static Task<(int Status, JsonNode? Body)> SendAsync(HttpClient client, HttpMethod method, string path, JsonNode? body = null) =>
        LoopbackJson.SendAsync(client, method, path, body);

    /// <summary>
    /// Answers every pending task as the approver does (the newest code on the task's phone, else approve) until
    /// every onboarding in <paramref name="phones"/> (id → its one sandbox phone) has ended; returns each one's detail.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, JsonNode>> DriveAsync(IReadOnlyDictionary<string, string> phones, TimeSpan deadline)
    {
        using var bob = Client(Token("bob"));
        using var olivia = Client(Token("ops"));
        using var stop = new CancellationTokenSource(deadline);
        var answered = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            stop.Token.ThrowIfCancellationRequested();
            await Deployment.RunUntilIdleAsync(stop.Token);
            var details = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
            foreach (var id in phones.Keys)
            {
                var (status, body) = await SendAsync(olivia, HttpMethod.Get, $"api/onboardings/{id}");
                Assert.True(status == 200, $"detail of {id}: {status} {body?.ToJsonString()}");
                details[id] = body!;
            }
            if (details.Values.All(d => (string?)d["status"] is "completed" or "failed" or "cancelled"))
            {
                return details;
            }
            var (_, tasks) = await SendAsync(bob, HttpMethod.Get, "api/tasks");
            var pending = tasks!.AsArray().Where(t => !answered.Contains((string)t!["id"]!) && phones.ContainsKey((string)t!["onboardingId"]!)).ToList();
            if (pending.Count == 0)
            {
                await Task.Delay(20, stop.Token);
                continue;
            }
            foreach (var task in pending)
            {
                var id = (string)task!["id"]!;
                var answer = (string?)task["kind"] == "verificationCode"
                    ? new JsonObject { ["code"] = await LatestCodeAsync(olivia, phones[(string)task["onboardingId"]!]) }
                    : new JsonObject { ["approved"] = true, ["note"] = "approved" };
                var (status, body) = await SendAsync(bob, HttpMethod.Post, $"api/tasks/{id}/complete", answer);
                Assert.True(status is 200 or 409, $"completing {task.ToJsonString()}: {status} {body?.ToJsonString()}");
                answered.Add(id);
            }
        }
    }

    private static async Task<string> LatestCodeAsync(HttpClient ops, string phone)
    {
        var (status, body) = await SendAsync(ops, HttpMethod.Get, $"sim/phones/{Uri.EscapeDataString(phone)}/messages");
        Assert.True(status == 200, $"messages of {phone}: {status}");
        var last = body!.AsArray().Last()!;
        return Otp().Match((string)last["body"]!).Value;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static JsonObject Seed(string region, string prefix, int count) => new()
    {
        ["userPools"] = new JsonArray([.. Enumerable.Range(1, count).Select(i => (JsonNode)new JsonObject
        {
            ["region"] = region,
            ["poolName"] = $"{prefix.ToLowerInvariant()}-{i}",
            ["id"] = $"{region}_{prefix}{i}",
        })]),
    };

    private static JsonObject Member(string account, string region, string prefix, int pools) => new()
    {
        ["accountId"] = account,
        ["name"] = prefix.ToLowerInvariant(),
        ["scenario"] = new JsonObject
        {
            ["name"] = prefix.ToLowerInvariant(),
            ["iamPropagation"] = new JsonObject { ["readSeconds"] = 2, ["roleAssumptionSeconds"] = 15 },
            ["smsQuotas"] = new JsonObject { ["spendLimit"] = true, ["productionAccess"] = true },
            ["seed"] = Seed(region, prefix, pools),
        },
    };

    [GeneratedRegex("[0-9]{5,8}")]
    private static partial Regex Otp();
}
