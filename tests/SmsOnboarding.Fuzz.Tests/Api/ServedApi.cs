using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using SmsOnboarding.Serve;
using SmsOnboarding.Serve.Deployment;
using SmsOnboarding.Serve.Hosting;
using SmsOnboarding.Testing;

namespace SmsOnboarding.Fuzz.Tests.Api;

[CollectionDefinition(Name)]
public sealed class ServedApiCollection : ICollectionFixture<ServedApi>
{
    public const string Name = "served api";
}

/// <summary>
/// What <c>smsonboard serve</c> runs, in process on a loopback port: the local deployment (engine, steps, the
/// simulated demo account, skip clock) behind the real serve host, with two onboardings waiting on people.
/// </summary>
public sealed class ServedApi : IAsyncLifetime
{
    public const string Alice = "demo-requester-alice";
    public const string Bob = "demo-approver-bob";
    public const string Olivia = "demo-ops-olivia";

    /// <summary>Every kind of caller: each role, nobody, and a token nobody holds.</summary>
    public static readonly string?[] Callers = [Alice, Bob, Olivia, null, "not-a-token"];

    private readonly string _directory = Directory.CreateTempSubdirectory("smsonboard-apifuzz-").FullName;
    private HttpClient _http = null!;

    public ServeHost Host { get; private set; } = null!;

    public LocalDeployment Deployment { get; private set; } = null!;

    public IReadOnlyList<string> OnboardingIds { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var (backends, deployment) = await LocalServe.CreateAsync(new LocalServeOptions { DataDirectory = _directory });
        Deployment = deployment;
        Host = await ServeHost.StartAsync(new ServeOptions { Port = 0, DataDirectory = _directory, ConsoleLogging = false }, backends);
        _http = new HttpClient { BaseAddress = Host.BaseUri, Timeout = TimeSpan.FromSeconds(60) };
        var ids = new List<string>();
        // Two demo pools: a pool has one onboarding in progress at a time.
        foreach (var (requestId, pool) in new[] { ("fuzz-seed-1", "us-east-1_Checkout1"), ("fuzz-seed-2", "eu-west-1_Payments1") })
        {
            var (status, body) = await SendAsync(Alice, HttpMethod.Post, "api/onboardings", Encoding.UTF8.GetBytes(Request(requestId, pool).ToJsonString()));
            Assert.True(status == 202, $"seed submit answered {status}: {body}");
            ids.Add((string)JsonNode.Parse(body)!["id"]!);
        }
        OnboardingIds = ids;
        // The workflow reaches the verification codes on its own; fuzzing answers needs real tasks to aim at.
        for (var tries = 0; tries < 300 && (await PendingTaskIdsAsync()).Count == 0; tries++)
        {
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await Host.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    public static JsonObject Request(string requestId, string pool = "us-east-1_Checkout1") => new()
    {
        ["requestId"] = requestId,
        ["userPoolId"] = pool,
        ["countries"] = new JsonArray("US", "CA"),
        ["monthlySpendUsd"] = 250,
        ["messageType"] = "OneTimePassword",
        ["useCase"] = "One-time passwords for sign-in of the checkout app.",
        ["websiteUrl"] = "https://checkout.example.com",
        ["optInProcess"] = "Customers enter their number on the profile page and confirm it with a code.",
        ["sampleMessages"] = new JsonArray("Your Checkout code is {####}."),
        ["sandboxNumbers"] = new JsonArray("+12065550101"),
        ["originationType"] = "TollFree",
        ["requester"] = "alice",
        ["approvers"] = new JsonArray("bob"),
        ["team"] = "checkout",
        ["registration"] = SampleRegistration.Json(),
    };

    public async Task<IReadOnlyList<string>> PendingTaskIdsAsync()
    {
        var (_, body) = await SendAsync(Olivia, HttpMethod.Get, "api/tasks", null);
        return JsonNode.Parse(body)!.AsArray().Select(t => (string)t!["id"]!).ToList();
    }

    public async Task<(int Status, string Body)> SendAsync(string? token, HttpMethod method, string pathAndQuery, byte[]? body)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        using var response = await _http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
