using System.Text;
using System.Text.Json.Nodes;
using SmsOnboarding.Fuzz.Tests.Infrastructure;

namespace SmsOnboarding.Fuzz.Tests.Api;

/// <summary>
/// Every route of the HTTP API and /sim, served as <c>smsonboard serve</c> serves them, called as each kind of
/// caller with mutated bodies, ids and queries (seeded): the answer is a success or a refusal in the problem
/// shape, never a 5xx or a dropped connection.
/// </summary>
[Collection(ServedApiCollection.Name)]
public sealed class ApiEndpointFuzzTests(ServedApi api)
{
    private const int BodiesPerRoute = 300;
    private const int CallsPerRoute = 60;

    private static readonly string[] OddSegments =
        ["", " ", "..", ".", "%00", "a/b", "a%2Fb", "😀", "\u202Eabc", "onb-000000000000", "null", "' OR 1=1 --", "\\", "%", "%zz",
         new string('x', 1500), "+12065550101", "+1 (206) 555-0101", "sms-onboarding-reminders", "-1", "0"];

    private static readonly string[] OddQueryValues =
        ["", "running", "RUNNING", "completed", "bogus", "-1", "0", "1", "200", "201", "99999999999", "1e3", "NaN", "true", "%00", "😀",
         "checkout", "us-east-1_Checkout1", new string('9', 400), "111122223333", "44445555666", "1111222233334", "11112222333x", "us-east-1", "mars-north-1"];

    [Theory]
    [InlineData("POST", "api/onboardings")]
    [InlineData("POST", "api/onboardings?dryRun=true")]
    [InlineData("POST", "api/onboardings/validate")]
    [InlineData("POST", "api/tasks/{task}/complete")]
    [InlineData("POST", "api/tasks/{task}/reject")]
    [InlineData("POST", "sim/clock/advance")]
    [InlineData("PUT", "sim/scenario")]
    public async Task Mutated_bodies_get_a_success_or_a_specific_refusal_never_a_5xx(string method, string route)
    {
        var target = $"api {method} {route}";
        var findings = new Findings(target);
        var random = new Random(FuzzSeed.For(target));
        var mutator = new JsonMutator(random, oversizeBytes: 300 * 1024);
        var (caller, bases) = await BodiesAsync(route);
        IReadOnlyList<string> tasks = [];
        for (var i = 0; i < BodiesPerRoute; i++)
        {
            if (i % 25 == 0)
            {
                tasks = await api.PendingTaskIdsAsync();
            }
            var path = route.Replace("{task}", tasks.Count > 0 && random.Next(5) > 0 ? tasks[random.Next(tasks.Count)] : Segment(random), StringComparison.Ordinal);
            var token = random.Next(5) > 1 ? caller : ServedApi.Callers[random.Next(ServedApi.Callers.Length)];
            await ApiAnswers.SendAsync(api, findings, token, new HttpMethod(method), path, mutator.Mutate(bases[random.Next(bases.Count)]));
        }
        findings.AssertNone();
    }

    [Theory]
    [InlineData("GET", "api/onboardings?{query}")]
    [InlineData("GET", "api/onboardings/{id}")]
    [InlineData("GET", "api/onboardings/{id}/history")]
    [InlineData("POST", "api/onboardings/{id}/cancel")]
    [InlineData("POST", "api/onboardings/{id}/redrive")]
    [InlineData("GET", "api/tasks")]
    [InlineData("GET", "api/me")]
    [InlineData("GET", "api/workflow")]
    [InlineData("GET", "api/dashboard?{query}")]
    [InlineData("GET", "api/accounts?{query}")]
    [InlineData("GET", "api/schema/onboarding-request")]
    [InlineData("GET", "api/{id}")]
    [InlineData("GET", "sim/phones")]
    [InlineData("GET", "sim/phones/{id}/messages")]
    [InlineData("GET", "sim/topics/{id}/messages")]
    [InlineData("GET", "sim/scenario")]
    public async Task Mutated_ids_and_queries_as_every_caller_get_a_success_or_a_specific_refusal(string method, string route)
    {
        var target = $"api {method} {route}";
        var findings = new Findings(target);
        var random = new Random(FuzzSeed.For(target));
        // Its own onboarding: cancelling one of the shared ones would take the other routes' tasks away.
        var own = await OwnOnboardingAsync();
        for (var i = 0; i < CallsPerRoute; i++)
        {
            var id = random.Next(3) == 0 ? own : Segment(random);
            var path = route.Replace("{id}", id, StringComparison.Ordinal).Replace("{query}", Query(random), StringComparison.Ordinal);
            var body = random.Next(4) == 0 ? new MutatedBody("stray body", Encoding.UTF8.GetBytes("{\"a\":1,\"a\":2}")) : null;
            await ApiAnswers.SendAsync(api, findings, ServedApi.Callers[random.Next(ServedApi.Callers.Length)], new HttpMethod(method), path, body);
        }
        findings.AssertNone();
    }

    private async Task<(string Caller, IReadOnlyList<JsonObject> Bases)> BodiesAsync(string route)
    {
        if (route.StartsWith("api/onboardings", StringComparison.Ordinal))
        {
            // One request id: a mutation that stays valid replays or conflicts instead of starting run after run.
            return (ServedApi.Alice, [ServedApi.Request("fuzz-create")]);
        }
        if (route.EndsWith("/complete", StringComparison.Ordinal))
        {
            return (ServedApi.Bob, [new() { ["code"] = "123456" }, new() { ["resend"] = true }, new() { ["caseId"] = "case-12345" },
                new() { ["approved"] = false, ["note"] = "AWS said no." }]);
        }
        if (route.EndsWith("/reject", StringComparison.Ordinal))
        {
            return (ServedApi.Bob, [new() { ["reason"] = "Not our pool." }]);
        }
        if (route == "sim/clock/advance")
        {
            return (ServedApi.Olivia, [new() { ["seconds"] = 60 }]);
        }
        var (_, scenario) = await api.SendAsync(ServedApi.Olivia, HttpMethod.Get, "sim/scenario", null);
        return (ServedApi.Olivia, [JsonNode.Parse(scenario)!.AsObject()]);
    }

    private async Task<string> OwnOnboardingAsync()
    {
        var (status, body) = await api.SendAsync(ServedApi.Alice, HttpMethod.Post, "api/onboardings", Encoding.UTF8.GetBytes(ServedApi.Request("fuzz-own").ToJsonString()));
        Assert.True(status == 202, $"submit answered {status}: {body}");
        return (string)JsonNode.Parse(body)!["id"]!;
    }

    private static string Segment(Random random) => Uri.EscapeDataString(OddSegments[random.Next(OddSegments.Length)]);

    private static string Query(Random random)
    {
        string[] names = ["status", "team", "pool", "account", "snsRegion", "offset", "limit", "stuckMinutes", "dryRun", "x"];
        return string.Join('&', Enumerable.Range(0, random.Next(4)).Select(_ =>
            $"{names[random.Next(names.Length)]}={Uri.EscapeDataString(OddQueryValues[random.Next(OddQueryValues.Length)])}"));
    }
}
