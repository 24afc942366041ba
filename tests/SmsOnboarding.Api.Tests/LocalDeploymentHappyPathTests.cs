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
                else if (kind == "fileSupportCase")
                {
                    // The approver files the case in the (simulated) Support Center, then types the id it shows.
                    var prompt = (string)task["prompt"]!;
                    var (filedStatus, filed) = await ApiServer.SendAsync(bob, HttpMethod.Post, "sim/support-center/cases",
                        new JsonObject { ["subject"] = "SNS Text Messaging: exit SMS sandbox in us-east-1", ["body"] = prompt });
                    Assert.True(filedStatus == 200, filed?.ToJsonString());
                    answer = new JsonObject { ["caseId"] = (string)filed!["caseId"]! };
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
        var request = ApiServer.Request("handover-1");
        request["sandboxNumbers"] = new JsonArray("+12065550101");
        var (_, body) = await ApiServer.SendAsync(alice, HttpMethod.Post, "api/onboardings", request);
        var id = (string)body!["id"]!;

        // The demo account lists an SMS spend quota but none for leaving the sandbox (simulator README: both guesses).
        JsonNode? sandbox = null;
        for (var round = 0; round < 20 && sandbox is null; round++)
        {
            await local.RunUntilIdleAsync();
            var (_, detail) = await ApiServer.SendAsync(alice, HttpMethod.Get, $"api/onboardings/{id}");
            sandbox = detail!["cases"]!.AsArray().FirstOrDefault(c => (string?)c!["need"] == "sandboxExit");
            if (sandbox is null)
            {
                await AnswerCodesAsync(host);
            }
        }

        Assert.NotNull(sandbox);
        Assert.Equal("human", (string?)sandbox["channel"]);
        var handover = Assert.Single(sandbox["handovers"]!.AsArray())!;
        Assert.Equal("serviceQuotas", (string?)handover["channel"]);
        Assert.Contains("lists no adjustable sandboxExit quota", (string)handover["reason"]!, StringComparison.Ordinal);
        var (_, spent) = await ApiServer.SendAsync(alice, HttpMethod.Get, $"api/onboardings/{id}");
        var spend = spent!["cases"]!.AsArray().Single(c => (string?)c!["need"] == "spendIncrease")!;
        Assert.Equal("serviceQuotas", (string?)spend["channel"]);
        Assert.Empty(spend["handovers"]!.AsArray());
    }

    private static async Task AnswerCodesAsync(ServeHost host)
    {
        using var bob = Client(host, ApiServer.Bob);
        var (_, tasks) = await ApiServer.SendAsync(bob, HttpMethod.Get, "api/tasks");
        foreach (var task in tasks!.AsArray().Where(t => (string?)t!["kind"] == "verificationCode"))
        {
            var phone = "+1206555010" + ((string)task!["maskedPhone"]!)[^1];
            var (_, messages) = await ApiServer.SendAsync(bob, HttpMethod.Get, $"sim/phones/{phone}/messages");
            await ApiServer.SendAsync(bob, HttpMethod.Post, $"api/tasks/{task["id"]}/complete",
                new JsonObject { ["code"] = Otp().Match((string)messages!.AsArray()[^1]!["body"]!).Value });
        }
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
