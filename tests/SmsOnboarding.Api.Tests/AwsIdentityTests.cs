using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SmsOnboarding.Api.Tests.Support;
using SmsOnboarding.Serve;
using SmsOnboarding.Serve.Deployment;
using SmsOnboarding.Serve.Hosting;
using SmsOnboarding.Steps.HumanTasks;

namespace SmsOnboarding.Api.Tests;

/// <summary>
/// A real local deployment waiting on a person: one verification code answered, one task pending. The users file
/// gives each person an access key, so the aws CLI acts as them on the Step Functions endpoint of serve.
/// </summary>
public sealed partial class AwsIdentityFixture : IAsyncLifetime
{
    public static readonly (string, string) AliceKey = ("AKIAALICEREQUESTER01", "alice-secret-key-0123456789");
    public static readonly (string, string) CarolKey = ("AKIACAROLREQUESTER01", "carol-secret-key-0123456789");
    public static readonly (string, string) BobKey = ("AKIABOBAPPROVER00001", "bob-secret-key-0123456789");
    public static readonly (string, string) BrendaKey = ("AKIABRENDAAPPROVER01", "brenda-secret-key-0123456789");
    public static readonly (string, string) OliviaKey = ("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    public static readonly (string, string) OscarKey = ("AKIAOSCAROPERATOR001", "oscar-secret-key-0123456789");

    private string _data = "";

    public ServeHost Host { get; private set; } = null!;
    public LocalDeployment Local { get; private set; } = null!;
    public string OnboardingId { get; private set; } = "";
    public string ExecutionArn { get; private set; } = "";
    public string AnsweredCode { get; private set; } = "";
    public string LiveToken { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _data = Directory.CreateTempSubdirectory("api-identity-").FullName;
        var users = Path.Combine(_data, "users.json");
        await File.WriteAllTextAsync(users, $$"""
            [{"name":"alice","token":"token-alice-1","roles":["requester"],"accessKeyId":"{{AliceKey.Item1}}","secretAccessKey":"{{AliceKey.Item2}}"},
             {"name":"carol","token":"token-carol-1","roles":["requester"],"accessKeyId":"{{CarolKey.Item1}}","secretAccessKey":"{{CarolKey.Item2}}"},
             {"name":"bob","token":"token-bob-12","roles":["approver"],"accessKeyId":"{{BobKey.Item1}}","secretAccessKey":"{{BobKey.Item2}}"},
             {"name":"brenda","token":"token-brenda-1","roles":["approver"],"accessKeyId":"{{BrendaKey.Item1}}","secretAccessKey":"{{BrendaKey.Item2}}"},
             {"name":"olivia","token":"token-olivia-1","roles":["ops"],"accessKeyId":"{{OliviaKey.Item1}}","secretAccessKey":"{{OliviaKey.Item2}}"},
             {"name":"oscar","token":"token-oscar-1","roles":["ops"],"accessKeyId":"{{OscarKey.Item1}}","secretAccessKey":"{{OscarKey.Item2}}"}]
            """);
        var (stack, local) = await LocalServe.CreateAsync(new LocalServeOptions { DataDirectory = _data });
        Local = local;
        Host = await ServeHost.StartAsync(new ServeOptions { Port = 0, DataDirectory = _data, UsersFile = users, ConsoleLogging = false }, stack);
        using var alice = Client("token-alice-1");
        using var bob = Client("token-bob-12");
        var request = ApiServer.Request("identity-1");
        request["sandboxNumbers"] = new JsonArray("+12065550101", "+12065550102");
        var (_, submitted) = await ApiServer.SendAsync(alice, HttpMethod.Post, "api/onboardings", request);
        OnboardingId = (string)submitted!["id"]!;

        for (var round = 0; round < 50 && AnsweredCode.Length == 0; round++)
        {
            await local.RunUntilIdleAsync();
            var (_, tasks) = await ApiServer.SendAsync(bob, HttpMethod.Get, "api/tasks");
            var task = tasks!.AsArray().FirstOrDefault(t => (string?)t!["kind"] == "verificationCode");
            if (task is null)
            {
                foreach (var other in tasks.AsArray())
                {
                    await ApiServer.SendAsync(bob, HttpMethod.Post, $"api/tasks/{other!["id"]}/complete",
                        (string?)other["kind"] == "fileSupportCase" ? new JsonObject { ["caseId"] = "case-by-hand" } : new JsonObject { ["approved"] = true, ["note"] = "ok" });
                }
                continue;
            }
            var phone = "+1206555010" + ((string)task["maskedPhone"]!)[^1];
            var (_, messages) = await ApiServer.SendAsync(bob, HttpMethod.Get, $"sim/phones/{phone}/messages");
            var code = Otp().Match((string)messages!.AsArray()[^1]!["body"]!).Value;
            var (done, _) = await ApiServer.SendAsync(bob, HttpMethod.Post, $"api/tasks/{task["id"]}/complete", new JsonObject { ["code"] = code });
            Assert.Equal(200, done);
            AnsweredCode = code;
        }
        await local.RunUntilIdleAsync();
        Assert.NotEmpty(AnsweredCode);
        var (_, detail) = await ApiServer.SendAsync(alice, HttpMethod.Get, $"api/onboardings/{OnboardingId}");
        ExecutionArn = (string)detail!["executionArn"]!;
        var (_, pending) = await ApiServer.SendAsync(bob, HttpMethod.Get, "api/tasks");
        var pendingIds = pending!.AsArray().Select(t => (string)t!["id"]!).ToHashSet();
        var (_, stdout, stderr) = await AwsCli.RunAsAsync(OliviaKey, Host.BaseUri, "stepfunctions", "get-execution-history", "--execution-arn", ExecutionArn);
        LiveToken = Token().Matches(stdout).Select(m => m.Groups[1].Value).Last(t => pendingIds.Contains(TaskTokens.Id(t)));
        Assert.False(string.IsNullOrEmpty(LiveToken), stderr);
    }

    public HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = Host.BaseUri };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold a handle for a moment; the temp folder is harmless.
        }
    }

    [GeneratedRegex("[0-9]{5,8}")]
    private static partial Regex Otp();

    // The token inside a history payload, which the CLI prints as JSON in a JSON string: \"taskToken\":\"...\"
    [GeneratedRegex("""taskToken\\":\\"([A-Za-z0-9_-]{16,})\\" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Token();
}

/// <summary>One identity model (decision 0017): the aws CLI with a person's key gets what the API would give that person.</summary>
public sealed class AwsIdentityTests(AwsIdentityFixture fixture) : IClassFixture<AwsIdentityFixture>
{
    [Fact]
    public async Task Requester_cannot_fail_their_onboarding_with_a_signed_SendTaskFailure()
    {
        var (code, _, stderr) = await AwsCli.RunAsAsync(AwsIdentityFixture.AliceKey, fixture.Host.BaseUri, "stepfunctions", "send-task-failure",
            "--task-token", fixture.LiveToken, "--error", "Nope", "--cause", "requester");
        Assert.NotEqual(0, code);
        Assert.Contains("AccessDeniedException", stderr, StringComparison.Ordinal);
        var (_, stdout, _) = await AwsCli.RunAsAsync(AwsIdentityFixture.OliviaKey, fixture.Host.BaseUri, "stepfunctions", "describe-execution", "--execution-arn", fixture.ExecutionArn);
        Assert.Equal("RUNNING", (string?)JsonNode.Parse(stdout)!["status"]);
    }

    [Theory]
    [InlineData("send-task-success", "--task-output", "{}")]
    [InlineData("send-task-heartbeat")]
    public async Task Approver_not_named_on_the_onboarding_cannot_answer_its_task(string operation, params string[] extra)
    {
        var (code, _, stderr) = await AwsCli.RunAsAsync(AwsIdentityFixture.BrendaKey, fixture.Host.BaseUri,
            ["stepfunctions", operation, "--task-token", fixture.LiveToken, .. extra]);
        Assert.NotEqual(0, code);
        Assert.Contains("AccessDeniedException", stderr, StringComparison.Ordinal);
        Assert.Contains("not brenda", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Named_approver_may_send_a_heartbeat_for_its_task()
    {
        var (code, _, stderr) = await AwsCli.RunAsAsync(AwsIdentityFixture.BobKey, fixture.Host.BaseUri, "stepfunctions", "send-task-heartbeat", "--task-token", fixture.LiveToken);
        Assert.True(code == 0, stderr);
    }

    [Fact]
    public async Task Requester_sees_no_task_token_or_code_in_GetExecutionHistory()
    {
        var (code, mine, stderr) = await AwsCli.RunAsAsync(AwsIdentityFixture.AliceKey, fixture.Host.BaseUri, "stepfunctions", "get-execution-history", "--execution-arn", fixture.ExecutionArn);
        Assert.True(code == 0, stderr);
        Assert.DoesNotContain(fixture.LiveToken, mine, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.AnsweredCode, mine, StringComparison.Ordinal);
        Assert.Contains("(redacted)", mine, StringComparison.Ordinal);

        var (_, ops, _) = await AwsCli.RunAsAsync(AwsIdentityFixture.OliviaKey, fixture.Host.BaseUri, "stepfunctions", "get-execution-history", "--execution-arn", fixture.ExecutionArn);
        Assert.Contains(fixture.LiveToken, ops, StringComparison.Ordinal);
        Assert.Contains(fixture.AnsweredCode, ops, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requester_sees_no_task_token_or_code_in_the_api_history()
    {
        using var alice = fixture.Client("token-alice-1");
        var (_, mine) = await ApiServer.SendAsync(alice, HttpMethod.Get, $"api/onboardings/{fixture.OnboardingId}/history");
        Assert.DoesNotContain(fixture.LiveToken, mine!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.AnsweredCode, mine.ToJsonString(), StringComparison.Ordinal);
        using var bob = fixture.Client("token-bob-12");
        var (_, approver) = await ApiServer.SendAsync(bob, HttpMethod.Get, $"api/onboardings/{fixture.OnboardingId}/history");
        Assert.Contains(fixture.LiveToken, approver!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requester_cannot_read_another_requesters_execution()
    {
        var (code, _, stderr) = await AwsCli.RunAsAsync(AwsIdentityFixture.CarolKey, fixture.Host.BaseUri, "stepfunctions", "describe-execution", "--execution-arn", fixture.ExecutionArn);
        Assert.NotEqual(0, code);
        Assert.Contains("AccessDeniedException", stderr, StringComparison.Ordinal);
        var (_, history, historyError) = await AwsCli.RunAsAsync(AwsIdentityFixture.CarolKey, fixture.Host.BaseUri, "stepfunctions", "get-execution-history", "--execution-arn", fixture.ExecutionArn);
        Assert.Empty(history);
        Assert.Contains("AccessDeniedException", historyError, StringComparison.Ordinal);

        string[] list = ["stepfunctions", "list-executions", "--state-machine-arn", "arn:aws:states:us-east-1:111122223333:stateMachine:sms-onboarding"];
        var (_, carols, _) = await AwsCli.RunAsAsync(AwsIdentityFixture.CarolKey, fixture.Host.BaseUri, list);
        Assert.Empty(JsonNode.Parse(carols)!["executions"]!.AsArray());
        var (_, alices, _) = await AwsCli.RunAsAsync(AwsIdentityFixture.AliceKey, fixture.Host.BaseUri, list);
        Assert.Contains(fixture.ExecutionArn, alices, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requester_cannot_start_or_stop_executions_outside_the_api()
    {
        var (started, _, startError) = await AwsCli.RunAsAsync(AwsIdentityFixture.AliceKey, fixture.Host.BaseUri, "stepfunctions", "start-execution",
            "--state-machine-arn", "arn:aws:states:us-east-1:111122223333:stateMachine:sms-onboarding", "--input", "{}");
        Assert.NotEqual(0, started);
        Assert.Contains("AccessDeniedException", startError, StringComparison.Ordinal);
        var (stopped, _, stopError) = await AwsCli.RunAsAsync(AwsIdentityFixture.CarolKey, fixture.Host.BaseUri, "stepfunctions", "stop-execution", "--execution-arn", fixture.ExecutionArn);
        Assert.NotEqual(0, stopped);
        Assert.Contains("AccessDeniedException", stopError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_that_belongs_to_nobody_in_the_users_file_is_unrecognized()
    {
        var (code, _, stderr) = await AwsCli.RunAsAsync(("AKIANOBODYEXAMPLE001", "nobody-secret-key-0123456789"), fixture.Host.BaseUri,
            "stepfunctions", "list-executions", "--state-machine-arn", "arn:aws:states:us-east-1:111122223333:stateMachine:sms-onboarding");
        Assert.NotEqual(0, code);
        Assert.Contains("UnrecognizedClientException", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_requesters_key_acts_as_that_user_in_the_simulated_account_and_holds_no_aws_permissions()
    {
        var (who, identity, whoError) = await AwsCli.RunAsAsync(AwsIdentityFixture.AliceKey, fixture.Host.BaseUri, "sts", "get-caller-identity");
        var (status, _, refused) = await AwsCli.RunAsAsync(AwsIdentityFixture.AliceKey, fixture.Host.BaseUri, "sns", "get-sms-sandbox-account-status");

        Assert.True(who == 0, whoError);
        Assert.Equal("arn:aws:iam::111122223333:user/alice", (string?)JsonNode.Parse(identity)!["Arn"]);
        Assert.NotEqual(0, status);
        Assert.Contains("AuthorizationError", refused, StringComparison.Ordinal);
        Assert.Contains("user/alice", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ops_users_own_key_administers_the_simulated_account_as_that_user()
    {
        var (who, identity, whoError) = await AwsCli.RunAsAsync(AwsIdentityFixture.OscarKey, fixture.Host.BaseUri, "sts", "get-caller-identity");
        var (status, sandbox, error) = await AwsCli.RunAsAsync(AwsIdentityFixture.OscarKey, fixture.Host.BaseUri, "sns", "get-sms-sandbox-account-status");

        Assert.True(who == 0, whoError);
        Assert.Equal("arn:aws:iam::111122223333:user/oscar", (string?)JsonNode.Parse(identity)!["Arn"]);
        Assert.True(status == 0, error);
        Assert.NotNull(JsonNode.Parse(sandbox)!["IsInSandbox"]);
    }
}
