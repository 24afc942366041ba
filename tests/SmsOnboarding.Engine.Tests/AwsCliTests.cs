using System.Diagnostics;
using System.Text.Json.Nodes;
using SmsOnboarding.Engine.Http;

namespace SmsOnboarding.Engine.Tests;

/// <summary>The real aws CLI (v1, botocore) against the engine's awsJson endpoint: an independent client for every operation.</summary>
public sealed class AwsCliTests
{
    private const string Role = EngineHarness.Role;

    [Fact]
    public async Task Every_operation_works_through_the_aws_cli()
    {
        if (!OnPath("aws"))
        {
            Assert.Fail("the aws CLI is not on PATH (it is preinstalled on CI and dev machines)");
        }
        await using var h = await EngineHarness.StartAsync(TimeProvider.System);
        await using var server = await EngineServer.StartAsync(h.Engine, 0);
        var cli = new Cli(server.BaseUri);
        var activity = (string)(await cli.Json("create-activity", "--name", "approver"))["activityArn"]!;
        var definition = """
            {"StartAt":"Approve","States":{
              "Approve":{"Type":"Task","Resource":"ACTIVITY","HeartbeatSeconds":300,"Next":"Sleep"},
              "Sleep":{"Type":"Wait","Seconds":86400,"End":true}}}
            """.Replace("ACTIVITY", activity, StringComparison.Ordinal);

        var machine = (string)(await cli.Json("create-state-machine", "--name", "cli", "--definition", definition, "--role-arn", Role))["stateMachineArn"]!;
        Assert.Equal("cli", (string?)(await cli.Json("describe-state-machine", "--state-machine-arn", machine))["name"]);
        Assert.Contains(machine, (await cli.Json("list-state-machines")).ToJsonString(), StringComparison.Ordinal);
        Assert.NotNull((await cli.Json("update-state-machine", "--state-machine-arn", machine, "--definition", definition))["updateDate"]);
        Assert.Equal("approver", (string?)(await cli.Json("describe-activity", "--activity-arn", activity))["name"]);
        Assert.Contains(activity, (await cli.Json("list-activities")).ToJsonString(), StringComparison.Ordinal);

        var execution = (string)(await cli.Json("start-execution", "--state-machine-arn", machine, "--name", "one", "--input", """{"who":"ann"}"""))["executionArn"]!;
        var task = await cli.Json("get-activity-task", "--activity-arn", activity, "--worker-name", "cli-worker");
        Assert.Equal("""{"who":"ann"}""", (string?)task["input"]);
        var token = (string)task["taskToken"]!;
        await cli.Json("send-task-heartbeat", "--task-token", token);
        await cli.Json("send-task-success", "--task-token", token, "--task-output", """{"ok":true}""");
        await h.Engine.WaitForQuiescenceAsync();
        var described = await cli.Json("describe-execution", "--execution-arn", execution);
        Assert.Equal("RUNNING", (string?)described["status"]);
        Assert.Contains("WaitStateEntered", (await cli.Json("get-execution-history", "--execution-arn", execution, "--reverse-order")).ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("one", (string?)(await cli.Json("list-executions", "--state-machine-arn", machine, "--status-filter", "RUNNING"))["executions"]![0]!["name"]);
        Assert.Equal(machine, (string?)(await cli.Json("describe-state-machine-for-execution", "--execution-arn", execution))["stateMachineArn"]);

        Assert.NotNull((await cli.Json("stop-execution", "--execution-arn", execution, "--error", "Stopped"))["stopDate"]);
        Assert.Equal("ABORTED", (string?)(await cli.Json("describe-execution", "--execution-arn", execution))["status"]);
        Assert.NotNull((await cli.Json("redrive-execution", "--execution-arn", execution))["redriveDate"]);
        await h.Engine.WaitForQuiescenceAsync();
        var redriven = await cli.Json("describe-execution", "--execution-arn", execution);
        Assert.Equal("RUNNING", (string?)redriven["status"]);
        Assert.Equal(1, (int?)redriven["redriveCount"]);

        var rejected = (string)(await cli.Json("start-execution", "--state-machine-arn", machine, "--name", "two"))["executionArn"]!;
        var second = (string)(await cli.Json("get-activity-task", "--activity-arn", activity))["taskToken"]!;
        await cli.Json("send-task-failure", "--task-token", second, "--error", "Rejected", "--cause", "no");
        await h.Engine.WaitForQuiescenceAsync();
        var failed = await cli.Json("describe-execution", "--execution-arn", rejected);
        Assert.Equal("FAILED", (string?)failed["status"]);
        Assert.Equal("Rejected", (string?)failed["error"]);

        var missing = await cli.Run("describe-execution", "--execution-arn", execution + "-missing");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("ExecutionDoesNotExist", missing.Error, StringComparison.Ordinal);
        var invalid = await cli.Run("create-state-machine", "--name", "bad", "--definition", """{"StartAt":"X","States":{}}""", "--role-arn", Role);
        Assert.Contains("InvalidDefinition", invalid.Error, StringComparison.Ordinal);

        await cli.Json("delete-activity", "--activity-arn", activity);
        await cli.Json("delete-state-machine", "--state-machine-arn", machine);
        Assert.DoesNotContain(machine, (await cli.Json("list-state-machines")).ToJsonString(), StringComparison.Ordinal);
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, program)));

    private sealed class Cli(Uri endpoint)
    {
        public async Task<JsonNode> Json(params string[] args)
        {
            var result = await Run(args);
            Assert.True(result.ExitCode == 0, $"aws stepfunctions {args[0]} failed ({result.ExitCode}): {result.Error}");
            return string.IsNullOrWhiteSpace(result.Output) ? new JsonObject() : JsonNode.Parse(result.Output)!;
        }

        public async Task<(int ExitCode, string Output, string Error)> Run(params string[] args)
        {
            var start = new ProcessStartInfo("aws") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "stepfunctions", "--endpoint-url", endpoint.ToString().TrimEnd('/'), "--region", "us-east-1", "--output", "json" }.Concat(args))
            {
                start.ArgumentList.Add(a);
            }
            start.Environment["AWS_ACCESS_KEY_ID"] = "AKIAIOSFODNN7EXAMPLE";
            start.Environment["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
            start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
            start.Environment["AWS_PAGER"] = "";
            start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
            start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"aws stepfunctions {string.Join(' ', args)} did not finish in 30 s");
            }
            return (process.ExitCode, await output, await error);
        }
    }
}
