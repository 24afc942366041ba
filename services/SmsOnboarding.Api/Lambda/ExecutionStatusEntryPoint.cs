using System.Text.Json;
using Amazon.DynamoDBv2;
using Microsoft.Extensions.Logging.Abstractions;
using SmsOnboarding.Api.Aws;
using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Aws.StepFunctions;
using SmsOnboarding.Steps.Storage.DynamoDb;

namespace SmsOnboarding.Api.Lambda;

/// <summary>
/// Lambda handler for EventBridge's "Step Functions Execution Status Change" events of the onboarding state machine:
/// <c>SmsOnboarding.Api::SmsOnboarding.Api.Lambda.ExecutionStatusEntryPoint::Handle</c>. The event carries no history
/// event id, so it is a signal: the handler folds the execution's history into the onboarding record exactly as the
/// local status feed does (<see cref="OnboardingStatusFeed.ReconcileAsync"/>: the lifecycle decides the status, the
/// write is versioned), and a repeated or late event finds nothing newer to write. An event that is not a status
/// change of this state machine is refused with the reason (retrying it would not help); a failing DynamoDB or Step
/// Functions call throws, so Lambda's retries and the dead-letter queue take over.
/// </summary>
public sealed class ExecutionStatusEntryPoint
{
    // Step Functions names executions with 1 to 80 characters; anything longer is no execution of ours.
    private const int MaxExecutionName = 80;

    private static readonly Lazy<Task<ExecutionStatusEntryPoint>> ColdStart = new(FromEnvironmentAsync);

    private readonly Func<Task<ExecutionStatusEntryPoint>> _instance;
    private readonly IOnboardingStore? _store;
    private readonly OnboardingStatusFeed? _feed;
    private readonly string _stateMachineArn = "";
    private readonly TextWriter _log = TextWriter.Null;
    private readonly TimeProvider _time = TimeProvider.System;

    public ExecutionStatusEntryPoint() => _instance = () => ColdStart.Value;

    public ExecutionStatusEntryPoint(IOnboardingStore store, IOnboardingRuntime runtime, string stateMachineArn, TimeProvider time, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentException.ThrowIfNullOrEmpty(stateMachineArn);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(log);
        _store = store;
        _feed = new OnboardingStatusFeed(store, runtime, time, NullLogger<OnboardingStatusFeed>.Instance);
        _stateMachineArn = stateMachineArn;
        _log = log;
        _time = time;
        _instance = () => Task.FromResult(this);
    }

    public async Task<Stream> Handle(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var instance = await _instance().ConfigureAwait(false);
        return Serialize(await instance.ApplyAsync(input, CancellationToken.None).ConfigureAwait(false));
    }

    private async Task<ExecutionStatusOutcome> ApplyAsync(Stream input, CancellationToken cancellationToken)
    {
        ExecutionStatusEvent? statusEvent;
        try
        {
            statusEvent = await JsonSerializer.DeserializeAsync(input, StatusEventJsonContext.Default.ExecutionStatusEvent, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return Refused($"The Lambda event is not an EventBridge event: {e.Message}");
        }
        if (statusEvent is null)
        {
            return Refused("The Lambda event is not an EventBridge event: it is null.");
        }
        if (statusEvent.Problem(_stateMachineArn) is { } problem)
        {
            return Refused("The event is not a status change of this deployment's executions: " + problem);
        }
        var detail = statusEvent.Detail!;
        if (detail.Name!.Length > MaxExecutionName)
        {
            return Refused($"detail.name has {detail.Name.Length} characters; Step Functions execution names have at most {MaxExecutionName}.");
        }
        // Onboardings run as executions named by their id (the API starts them so).
        var record = await _store!.GetAsync(detail.Name, cancellationToken).ConfigureAwait(false);
        if (record is null || (record.ExecutionArn is { } known && known != detail.ExecutionArn))
        {
            return new ExecutionStatusOutcome("ignored", detail.Name, Message: "No onboarding runs as this execution.");
        }
        // The RUNNING event can arrive before submit records the execution it started (or after a submit that stopped
        // in between): the record learns it here too, since its name and state machine are checked above.
        if (record.ExecutionArn is null)
        {
            await _store.AttachExecutionAsync(record.Id, detail.ExecutionArn!, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        var applied = await _feed!.ReconcileAsync(record with { ExecutionArn = detail.ExecutionArn }, cancellationToken).ConfigureAwait(false);
        return new ExecutionStatusOutcome(applied ? "applied" : "unchanged", record.Id);
    }

    private ExecutionStatusOutcome Refused(string message)
    {
        var outcome = new ExecutionStatusOutcome("refused", Error: ExecutionStatusOutcome.InvalidEvent, Message: message);
        // One log line per refusal: the event's producer is the one to fix, and nobody reads the answer of an async invoke.
        _log.WriteLine(JsonSerializer.Serialize(outcome, StatusEventJsonContext.Default.ExecutionStatusOutcome));
        return outcome;
    }

    private static async Task<ExecutionStatusEntryPoint> FromEnvironmentAsync()
    {
        var stateMachineArn = AwsComposition.Required(AwsComposition.StateMachineVariable);
        var stepFunctions = new AmazonStepFunctionsClient();
        var runtime = await StepFunctionsRuntime.OpenAsync(stepFunctions, stateMachineArn, CancellationToken.None).ConfigureAwait(false);
        var store = new DynamoDbOnboardingStore(new AmazonDynamoDBClient(), AwsComposition.Required(OnboardingTableSchema.TableNameVariable));
        return new ExecutionStatusEntryPoint(store, runtime, stateMachineArn, TimeProvider.System, Console.Out);
    }

    private static MemoryStream Serialize(ExecutionStatusOutcome outcome)
    {
        var output = new MemoryStream();
        JsonSerializer.Serialize(output, outcome, StatusEventJsonContext.Default.ExecutionStatusOutcome);
        output.Position = 0;
        return output;
    }
}
