using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SmsOnboarding.Api.Tests.Support;
using SmsOnboarding.Serve;
using SmsOnboarding.Serve.Hosting;

namespace SmsOnboarding.Api.Tests;

/// <summary>The real local stack (embedded engine, step handlers, simulator, skipping clock) behind the API.</summary>
public sealed partial class LocalDeploymentHappyPathTests
{
    [Fact]
    public async Task An_onboarding_submitted_over_http_completes_when_the_approver_enters_the_codes_from_the_phones()
    {
        var data = Directory.CreateTempSubdirectory("api-local-").FullName;
        var (stack, local) = await LocalServe.CreateAsync(new LocalServeOptions { DataDirectory = data });
        await using var host = await ServeHost.StartAsync(new ServeOptions { Port = 0, DataDirectory = data, ConsoleLogging = false }, stack);
        using var alice = Client(host, ApiServer.Alice);
        using var bob = Client(host, ApiServer.Bob);
        var request = ApiServer.Request("happy-1");
        request["sandboxNumbers"] = new JsonArray("+12065550101", "+12065550102");

        var (submitted, body) = await ApiServer.SendAsync(alice, HttpMethod.Post, "api/onboardings", request);
        Assert.True(submitted == 202, body?.ToJsonString());
        var id = (string)body!["id"]!;

        var codes = 0;
        var log = new List<string>();
        string status = "";
        for (var round = 0; round < 100 && status != "completed"; round++)
        {
            await local.RunUntilIdleAsync();
            var (_, detail) = await ApiServer.SendAsync(alice, HttpMethod.Get, $"api/onboardings/{id}");
            status = (string)detail!["status"]!;
            Assert.True(status is not ("failed" or "cancelled"), detail.ToJsonString());
            var (_, tasks) = await ApiServer.SendAsync(bob, HttpMethod.Get, "api/tasks");
            log.Add(status + " " + (string?)detail["currentStep"] + " " + tasks!.ToJsonString());
            foreach (var task in tasks!.AsArray())
            {
                var kind = (string)task!["kind"]!;
                JsonObject answer;
                if (kind == "verificationCode")
                {
                    var phone = "+1206555010" + ((string)task["maskedPhone"]!)[^1];
                    var (_, messages) = await ApiServer.SendAsync(bob, HttpMethod.Get, $"sim/phones/{phone}/messages");
                    answer = new JsonObject { ["code"] = Otp().Match((string)messages!.AsArray()[^1]!["body"]!).Value };
                    codes++;
                }
                else
                {
                    answer = new JsonObject { ["approved"] = true, ["note"] = "approved" };
                }
                var (done, result) = await ApiServer.SendAsync(bob, HttpMethod.Post, $"api/tasks/{task["id"]}/complete", answer);
                log.Add(done + " " + result?.ToJsonString());
                Assert.True(done is 200 or 409, result?.ToJsonString());
            }
        }

        Assert.True(status == "completed", string.Join("\n", log.TakeLast(8)));
        Assert.Equal(2, codes);
        var (_, history) = await ApiServer.SendAsync(alice, HttpMethod.Get, $"api/onboardings/{id}/history");
        Assert.Equal("ExecutionSucceeded", (string?)history!["events"]!.AsArray()[^1]!["type"]);

        var (code, stdout, stderr) = await AwsCli.RunAsync(host.BaseUri, "stepfunctions", "list-executions",
            "--state-machine-arn", "arn:aws:states:us-east-1:111122223333:stateMachine:sms-onboarding");
        Assert.True(code == 0, stderr);
        Assert.Contains(id, stdout, StringComparison.Ordinal);
        var sandbox = await AwsCli.RunAsync(host.BaseUri, "sns", "get-sms-sandbox-account-status");
        Assert.False((bool)JsonNode.Parse(sandbox.StdOut)!["IsInSandbox"]!);
    }

    [Fact]
    public async Task A_refusing_channel_hands_over_and_the_reason_shows_on_the_onboarding()
    {
        var data = Directory.CreateTempSubdirectory("api-local-").FullName;
        var (stack, local) = await LocalServe.CreateAsync(new LocalServeOptions { DataDirectory = data });
        await using var host = await ServeHost.StartAsync(new ServeOptions { Port = 0, DataDirectory = data, ConsoleLogging = false }, stack);
        using var alice = Client(host, ApiServer.Alice);
        using var olivia = Client(host, ApiServer.Olivia);
        // An account whose Service Quotas list holds no SMS spend quota (AWS documents none).
        var (_, scenario) = await ApiServer.SendAsync(olivia, HttpMethod.Get, "sim/scenario");
        scenario!["smsQuotas"] = new JsonObject { ["spendLimit"] = false, ["productionAccess"] = true };
        var (replaced, _) = await ApiServer.SendAsync(olivia, HttpMethod.Put, "sim/scenario", scenario);
        Assert.Equal(200, replaced);
        var (_, body) = await ApiServer.SendAsync(alice, HttpMethod.Post, "api/onboardings", ApiServer.Request("handover-1"));
        var id = (string)body!["id"]!;

        JsonNode? spend = null;
        for (var round = 0; round < 20 && spend is null; round++)
        {
            await local.RunUntilIdleAsync();
            var (_, detail) = await ApiServer.SendAsync(alice, HttpMethod.Get, $"api/onboardings/{id}");
            spend = detail!["cases"]!.AsArray().FirstOrDefault(c => (string?)c!["need"] == "spendIncrease");
        }

        Assert.NotNull(spend);
        Assert.Equal(("human", "awaitingFiling"), ((string?)spend["channel"], (string?)spend["status"]));
        var handover = Assert.Single(spend["handovers"]!.AsArray())!;
        Assert.Equal("serviceQuotas", (string?)handover["channel"]);
        Assert.Contains("lists no adjustable spendIncrease quota under sns or sms-voice", (string)handover["reason"]!, StringComparison.Ordinal);
    }

    private static HttpClient Client(ServeHost host, string token)
    {
        var client = new HttpClient { BaseAddress = host.BaseUri };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    [GeneratedRegex("[0-9]{5,8}")]
    private static partial Regex Otp();
}
