using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Domain.Lifecycle;
using SmsOnboarding.Serve;
using SmsOnboarding.Serve.Hosting;
using SmsOnboarding.Simulator.Scenarios;

namespace SmsOnboarding.Benchmarks;

/// <summary>
/// `make bench`'s API figures (bench/results/api.json): the real serve host (engine, step handlers, simulated account,
/// API) on a loopback port; 20 concurrent clients submit 1,000 onboardings, which run on until they wait for people
/// or AWS, then list and open them. The read rounds run again after 10,000 finished onboardings are added to the
/// store, so a figure that grows with the finished ones shows.
/// </summary>
internal static class ApiLoadBenchmark
{
    private const int Active = 1_000;
    private const int Clients = 20;
    private const int ReadsPerClient = 50;
    private const int Finished = 10_000;
    private const string Requester = "demo-requester-alice";
    private const string Ops = "demo-ops-olivia";

    public static async Task<int> RunAsync(string output, int repeat)
    {
        var loadAtStart = LoadAverage();
        var data = Path.Combine(Path.GetTempPath(), "api-bench-" + Guid.NewGuid().ToString("N"));
        // Out of the SMS sandbox: a sandbox account holds 10 phone numbers per Region, so all but five onboardings of one
        // account would fail adding theirs. On the realtime clock each one then stays where it waits (AWS reviews take
        // days), so all 1,000 are active while they are read.
        Directory.CreateDirectory(data);
        var scenario = Path.Combine(data, "bench-scenario.json");
        // One pool per onboarding: a pool has one onboarding in progress at a time.
        var demo = LocalServe.DemoScenario();
        var pools = Enumerable.Range(0, Active).Select(i => new SeedUserPool("us-east-1", "bench-" + i.ToString(CultureInfo.InvariantCulture)) { Id = BenchPool(i) });
        File.WriteAllText(scenario, ScenarioLoader.Serialize(demo with
        {
            InSandboxByDefault = false,
            Seed = demo.Seed with { UserPools = [.. demo.Seed.UserPools, .. pools] },
        }));
        var (backends, deployment) = await LocalServe.CreateAsync(new LocalServeOptions { DataDirectory = data, ScenarioFile = scenario, Clock = ClockMode.Realtime });
        await using var host = await ServeHost.StartAsync(new ServeOptions { Port = 0, DataDirectory = data, ConsoleLogging = false }, backends);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients }) { BaseAddress = host.BaseUri, Timeout = TimeSpan.FromMinutes(2) };

        // Warm-up: one submit and a few reads compile the paths before anything is timed.
        var warmup = await SubmitAsync(http, "warmup");
        await ReadRoundAsync(http, [warmup], readsPerClient: 2);

        var submitLatencies = new ConcurrentBag<double>();
        var ids = new ConcurrentBag<string>();
        var next = -1;
        var submitting = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < Active; i = Interlocked.Increment(ref next))
            {
                var watch = Stopwatch.StartNew();
                ids.Add(await SubmitAsync(http, "bench-" + i.ToString(CultureInfo.InvariantCulture), BenchPool(i)));
                submitLatencies.Add(watch.Elapsed.TotalMilliseconds);
            }
        })));
        submitting.Stop();
        var submitPerSecond = Math.Round(Active / submitting.Elapsed.TotalSeconds, 1);

        // Steady state: every execution waits for people and every event is in the store.
        var settling = Stopwatch.StartNew();
        await deployment.Engine.WaitForQuiescenceAsync().WaitAsync(TimeSpan.FromMinutes(10));
        await host.Services.GetRequiredService<OnboardingStatusFeed>().SettledAsync().WaitAsync(TimeSpan.FromMinutes(5));
        settling.Stop();
        var active = ids.ToList();

        var withoutFinished = new List<(Percentiles List, Percentiles Detail)>();
        for (var round = 0; round < repeat; round++)
        {
            withoutFinished.Add(await ReadRoundAsync(http, active, ReadsPerClient));
        }
        await AddFinishedAsync(Path.Combine(data, "onboardings.db"));
        var withFinished = new List<(Percentiles List, Percentiles Detail)>();
        for (var round = 0; round < repeat; round++)
        {
            withFinished.Add(await ReadRoundAsync(http, active, ReadsPerClient));
        }

        var statuses = new JsonObject();
        foreach (var status in Enum.GetValues<OnboardingStatus>())
        {
            if (await CountAsync(http, status.ToWire()) is var count and > 0)
            {
                statuses[status.ToWire()] = count;
            }
        }
        var submit = Percentiles.Of(submitLatencies);
        var result = new JsonObject
        {
            ["activeOnboardings"] = Active,
            ["clients"] = Clients,
            ["submitPerSecond"] = submitPerSecond,
            ["submitMs"] = submit.ToJson(),
            ["listMs"] = Median(withoutFinished.Select(r => r.List)),
            ["detailMs"] = Median(withoutFinished.Select(r => r.Detail)),
            ["listMsWith10kFinished"] = Median(withFinished.Select(r => r.List)),
            ["detailMsWith10kFinished"] = Median(withFinished.Select(r => r.Detail)),
            ["spread"] = new JsonObject
            {
                ["listP99"] = Spread.Of(withoutFinished.Select(r => r.List.P99)),
                ["detailP99"] = Spread.Of(withoutFinished.Select(r => r.Detail.P99)),
                ["listP99With10kFinished"] = Spread.Of(withFinished.Select(r => r.List.P99)),
                ["detailP99With10kFinished"] = Spread.Of(withFinished.Select(r => r.Detail.P99)),
            },
            ["statusesAtEnd"] = statuses,
            ["failuresAtEnd"] = await FailuresAsync(http),
            ["settleSeconds"] = Math.Round(settling.Elapsed.TotalSeconds, 1),
            ["method"] = $"serve host on loopback (engine, step handlers, simulated account, SQLite stores); {Clients} clients submit {Active} onboardings "
                + "(submit = validate, plan against the simulated account, store, start the execution), then wait until every execution waits "
                + $"(account out of the SMS sandbox, realtime clock: they wait on AWS reviews) and its events are in the store; each read round: every client makes {ReadsPerClient} list calls (limit 50, unfiltered or filtered by "
                + $"status or team in turn) and {ReadsPerClient} detail calls of random active onboardings; list and detail figures are the median over {repeat} rounds "
                + $"of each round's p50/p99 (spread: each round's p99); the same rounds again after {Finished} finished onboardings are written to the store",
            // The machine may be shared: the other processes' load says how far these figures are from an idle one.
            ["loadAverage1m"] = new JsonObject { ["atStart"] = loadAtStart, ["atEnd"] = LoadAverage() },
            ["machine"] = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}",
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        File.WriteAllText(output, result.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
        Console.WriteLine(result.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        await host.DisposeAsync();
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
            // A file still held for a moment; a temp folder is harmless.
        }
        return 0;
    }

    private static string BenchPool(int i) => "us-east-1_Bench" + i.ToString(CultureInfo.InvariantCulture);

    private static async Task<string> SubmitAsync(HttpClient http, string requestId, string? pool = null)
    {
        var body = JsonNode.Parse(File.ReadAllText(Path.Combine("docs", "examples", "onboarding-request.json")))!;
        body["requestId"] = requestId;
        if (pool is not null)
        {
            body["userPoolId"] = pool;
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/onboardings") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Requester);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 202)
        {
            throw new InvalidOperationException($"submit answered {(int)response.StatusCode}: {text}");
        }
        return (string)JsonNode.Parse(text)!["id"]!;
    }

    private static async Task<(Percentiles List, Percentiles Detail)> ReadRoundAsync(HttpClient http, IReadOnlyList<string> ids, int readsPerClient)
    {
        var lists = new ConcurrentBag<double>();
        var details = new ConcurrentBag<double>();
        string[] queries = ["api/onboardings?limit=50", "api/onboardings?limit=50&status=waitingOnPeople", "api/onboardings?limit=50&team=checkout"];
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            var random = new Random(client);
            for (var i = 0; i < readsPerClient; i++)
            {
                lists.Add(await TimedGetAsync(http, queries[i % queries.Length]));
                details.Add(await TimedGetAsync(http, "api/onboardings/" + ids[random.Next(ids.Count)]));
            }
        })));
        return (Percentiles.Of(lists), Percentiles.Of(details));
    }

    private static async Task<double> TimedGetAsync(HttpClient http, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Ops);
        var watch = Stopwatch.StartNew();
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        watch.Stop();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}");
        }
        return watch.Elapsed.TotalMilliseconds;
    }

    private static async Task<int> CountAsync(HttpClient http, string status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/onboardings?limit=1&status=" + status);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Ops);
        using var response = await http.SendAsync(request);
        return (int)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["total"]!;
    }

    /// <summary>The distinct failures among the newest 200 failed onboardings, with how many of them had each.</summary>
    private static async Task<JsonObject> FailuresAsync(HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/onboardings?limit=200&status=failed");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Ops);
        using var response = await http.SendAsync(request);
        var items = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["items"]!.AsArray();
        var failures = new JsonObject();
        foreach (var group in items.GroupBy(i => (string?)i!["failure"] ?? "(none)"))
        {
            failures[group.Key] = group.Count();
        }
        return failures;
    }

    // Older than the active ones, as finished onboardings are: the newest-first list pages past none of them.
    private static async Task AddFinishedAsync(string databasePath)
    {
        var store = new SqliteOnboardingStore(databasePath);
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var plan = new SmsOnboarding.Domain.Planning.OnboardingPlan("us-east-1", []);
        for (var i = 0; i < Finished; i++)
        {
            var id = "onb-done" + i.ToString("x6", CultureInfo.InvariantCulture);
            await store.AddAsync(new OnboardingRecord(id, null, "alice", ["bob"], "checkout", "us-east-1_Checkout1", OnboardingStatus.Completed,
                null, plan, "{}", at.AddMinutes(i), at.AddMinutes(i)), CancellationToken.None);
        }
    }

    private static double? LoadAverage() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture) : null;

    private static JsonObject Median(IEnumerable<Percentiles> rounds)
    {
        var list = rounds.ToList();
        return new JsonObject { ["p50"] = Spread.Median(list.Select(r => r.P50)), ["p99"] = Spread.Median(list.Select(r => r.P99)) };
    }

    private sealed record Percentiles(double P50, double P99)
    {
        public static Percentiles Of(IEnumerable<double> samples)
        {
            var sorted = samples.Order().ToList();
            return new Percentiles(At(sorted, 0.50), At(sorted, 0.99));
        }

        public JsonObject ToJson() => new() { ["p50"] = P50, ["p99"] = P99 };

        private static double At(List<double> sorted, double q) => Math.Round(sorted[(int)Math.Ceiling(q * sorted.Count) - 1], 1);
    }
}
