using System.Text;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using SmsOnboarding.Api.Aws;
using SmsOnboarding.Api.Lambda;
using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Aws.StepFunctions.Model;
using SmsOnboarding.Domain.Lifecycle;
using SmsOnboarding.Domain.Planning;
using SmsOnboarding.Testing;

namespace SmsOnboarding.Api.Tests.Lambda;

/// <summary>
/// The EventBridge status handler against moto's DynamoDB and our engine's Step Functions endpoint: the state machine
/// waits in a Wait state (waiting on AWS) until it is stopped.
/// </summary>
[Collection(AwsBackendsCollection.Name)]
public sealed class ExecutionStatusEntryPointTests(AwsBackends aws) : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly IAmazonDynamoDB _dynamoDb = aws.DynamoDb();
    private readonly StringWriter _log = new();

    [MotoFact]
    public async Task A_running_event_folds_the_execution_into_the_record_once()
    {
        var (entry, store, runtime) = await EntryAsync();
        var id = await StartAsync(store, runtime, "onb-status-run");

        var first = await HandleAsync(entry, Event(id, "RUNNING"));
        var repeated = await HandleAsync(entry, Event(id, "RUNNING"));

        Assert.Equal("applied", (string?)first["outcome"]);
        Assert.Equal("unchanged", (string?)repeated["outcome"]);
        var record = (await store.GetAsync(id, CancellationToken.None))!;
        Assert.Equal(OnboardingStatus.WaitingOnAws, record.Status);
        Assert.Equal(["Wait"], record.OpenStates!.Select(s => s.Name));
        Assert.EndsWith(":execution:sms-onboarding:" + id, record.ExecutionArn, StringComparison.Ordinal);
    }

    [MotoFact]
    public async Task A_late_running_event_after_the_execution_was_stopped_changes_nothing()
    {
        var (entry, store, runtime) = await EntryAsync();
        var id = await StartAsync(store, runtime, "onb-status-abort");
        await HandleAsync(entry, Event(id, "RUNNING"));
        await aws.StepFunctions!.StopExecutionAsync(new StopExecutionRequest { ExecutionArn = ExecutionArn(id), Error = "Withdrawn", Cause = "by ops" });
        await aws.Engine.WaitForQuiescenceAsync();

        var aborted = await HandleAsync(entry, Event(id, "ABORTED", error: "Withdrawn", cause: "by ops"));
        var late = await HandleAsync(entry, Event(id, "RUNNING"));

        Assert.Equal("applied", (string?)aborted["outcome"]);
        Assert.Equal("unchanged", (string?)late["outcome"]);
        var record = (await store.GetAsync(id, CancellationToken.None))!;
        Assert.Equal(OnboardingStatus.Cancelled, record.Status);
        Assert.Empty(record.OpenStates!);
    }

    [MotoFact]
    public async Task An_execution_no_onboarding_runs_as_is_ignored()
    {
        var (entry, _, _) = await EntryAsync();

        var answer = await HandleAsync(entry, Event("onb-nobody", "RUNNING"));

        Assert.Equal("ignored", (string?)answer["outcome"]);
    }

    [MotoFact]
    public async Task Events_that_are_no_status_change_of_our_executions_are_refused_with_the_reason()
    {
        var (entry, store, _) = await EntryAsync();
        await store.AddAsync(Record("onb-status-refused"), CancellationToken.None);
        var otherMachine = aws.StateMachineArn.Replace(":sms-onboarding", ":someone-else", StringComparison.Ordinal);
        (string Input, string Reason)[] cases =
        [
            ("not json", "not an EventBridge event"),
            ("null", "it is null"),
            ("""{"source":1}""", "not an EventBridge event"),
            (With(Event("onb-status-refused", "RUNNING"), e => e["source"] = "aws.events"), "source must be 'aws.states'"),
            (Event("onb-status-refused", "PAUSED"), "detail.status must be one of"),
            (With(Event("onb-status-refused", "RUNNING"), e => e["detail"]!["stateMachineArn"] = otherMachine), "this deployment's state machine"),
            (With(Event("onb-status-refused", "RUNNING"), e => e["detail"]!["name"] = "onb-other"), "(its state machine and name)"),
            (With(Event("onb-status-refused", "RUNNING"), e => e["detail"]!.AsObject().Remove("executionArn")), "detail.executionArn, detail.name and detail.status are required"),
        ];

        foreach (var (input, reason) in cases)
        {
            var answer = await HandleAsync(entry, input);
            Assert.Equal("refused", (string?)answer["outcome"]);
            Assert.Equal(ExecutionStatusOutcome.InvalidEvent, (string?)answer["error"]);
            Assert.Contains(reason, (string?)answer["message"], StringComparison.Ordinal);
        }
        Assert.Equal(OnboardingStatus.Submitted, (await store.GetAsync("onb-status-refused", CancellationToken.None))!.Status);
        Assert.Equal(cases.Length, _log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    public void Dispose()
    {
        _dynamoDb.Dispose();
        _log.Dispose();
    }

    private async Task<(ExecutionStatusEntryPoint Entry, DynamoDbOnboardingStore Store, StepFunctionsRuntime Runtime)> EntryAsync()
    {
        var store = new DynamoDbOnboardingStore(_dynamoDb, await aws.CreateTableAsync(_dynamoDb));
        var runtime = await StepFunctionsRuntime.OpenAsync(aws.StepFunctions!, aws.StateMachineArn, CancellationToken.None);
        return (new ExecutionStatusEntryPoint(store, runtime, aws.StateMachineArn, TimeProvider.System, _log), store, runtime);
    }

    // As submit does it: the record first, then the execution named by its id (the record learns the ARN from the event).
    private async Task<string> StartAsync(DynamoDbOnboardingStore store, StepFunctionsRuntime runtime, string id)
    {
        await store.AddAsync(Record(id), CancellationToken.None);
        await runtime.StartAsync(id, "{}", CancellationToken.None);
        await aws.Engine.WaitForQuiescenceAsync();
        return id;
    }

    private static async Task<JsonNode> HandleAsync(ExecutionStatusEntryPoint entry, string input)
    {
        using var output = await entry.Handle(new MemoryStream(Encoding.UTF8.GetBytes(input)));
        return JsonNode.Parse(output)!;
    }

    private string ExecutionArn(string name) => aws.StateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + name;

    /// <summary>An event as EventBridge delivers it (the Step Functions developer guide's example, our names).</summary>
    private string Event(string name, string status, string? error = null, string? cause = null) => new JsonObject
    {
        ["version"] = "0",
        ["id"] = Guid.NewGuid().ToString(),
        ["detail-type"] = "Step Functions Execution Status Change",
        ["source"] = "aws.states",
        ["account"] = "111122223333",
        ["time"] = "2026-11-02T09:00:00Z",
        ["region"] = "us-east-1",
        ["resources"] = new JsonArray(ExecutionArn(name)),
        ["detail"] = new JsonObject
        {
            ["executionArn"] = ExecutionArn(name),
            ["stateMachineArn"] = aws.StateMachineArn,
            ["name"] = name,
            ["status"] = status,
            ["startDate"] = 1793610000000,
            ["stopDate"] = status == "RUNNING" ? null : 1793610060000,
            ["input"] = "{}",
            ["inputDetails"] = new JsonObject { ["included"] = true },
            ["output"] = null,
            ["outputDetails"] = null,
            ["error"] = error,
            ["cause"] = cause,
        },
    }.ToJsonString();

    private static string With(string json, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    private static OnboardingRecord Record(string id) => new(
        id, null, "alice", ["bob"], "checkout", "us-east-1_Checkout1", OnboardingStatus.Submitted, null,
        new OnboardingPlan("us-east-1", []), "{}", At, At);
}
