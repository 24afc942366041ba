using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Aws.StepFunctions;
using SmsOnboarding.Aws.StepFunctions.Model;

namespace SmsOnboarding.Api.Aws;

/// <summary>The deployed state machine (AWS Step Functions, or any endpoint speaking its awsJson protocol) behind the runtime port.</summary>
public sealed class StepFunctionsRuntime : IOnboardingRuntime
{
    private readonly IAmazonStepFunctions _client;
    private readonly string _stateMachineArn;

    private StepFunctionsRuntime(IAmazonStepFunctions client, string stateMachineArn, string definitionJson)
    {
        _client = client;
        _stateMachineArn = stateMachineArn;
        DefinitionJson = definitionJson;
    }

    public string DefinitionJson { get; }

    /// <summary>Reads the deployed definition once, so the diagram always matches what actually runs.</summary>
    public static async Task<StepFunctionsRuntime> OpenAsync(IAmazonStepFunctions client, string stateMachineArn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var machine = await client.DescribeStateMachineAsync(new DescribeStateMachineRequest { StateMachineArn = stateMachineArn }, cancellationToken).ConfigureAwait(false);
        return new StepFunctionsRuntime(client, stateMachineArn, machine.Definition
            ?? throw new InvalidOperationException($"DescribeStateMachine of {stateMachineArn} returned no definition."));
    }

    public async Task<string> StartAsync(string executionName, string inputJson, CancellationToken cancellationToken)
    {
        try
        {
            var started = await _client.StartExecutionAsync(new StartExecutionRequest
            {
                StateMachineArn = _stateMachineArn,
                Name = executionName,
                Input = inputJson,
            }, cancellationToken).ConfigureAwait(false);
            return started.ExecutionArn!;
        }
        catch (AwsServiceException e) when (e.ErrorCode == "ExecutionAlreadyExists")
        {
            // A replayed submit after the first start went through (the execution may have ended since).
            return ExecutionArn(executionName);
        }
    }

    public async Task<ExecutionSnapshot?> DescribeAsync(string executionArn, CancellationToken cancellationToken)
    {
        try
        {
            var d = await _client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = executionArn }, cancellationToken).ConfigureAwait(false);
            return StepFunctionsMapping.Snapshot(executionArn, d);
        }
        catch (AwsServiceException e) when (e.ErrorCode == "ExecutionDoesNotExist")
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<ExecutionEvent>> HistoryAsync(string executionArn, CancellationToken cancellationToken)
    {
        var events = new List<ExecutionEvent>();
        string? next = null;
        try
        {
            do
            {
                var page = await _client.GetExecutionHistoryAsync(new GetExecutionHistoryRequest
                {
                    ExecutionArn = executionArn,
                    MaxResults = 1000,
                    NextToken = next,
                }, cancellationToken).ConfigureAwait(false);
                events.AddRange((page.Events ?? []).Select(StepFunctionsMapping.ToEvent));
                next = page.NextToken;
            }
            while (next is not null);
        }
        catch (AwsServiceException e) when (e.ErrorCode == "ExecutionDoesNotExist")
        {
            return [];
        }
        return events;
    }

    public async Task StopAsync(string executionArn, string cause, CancellationToken cancellationToken)
    {
        var current = await DescribeAsync(executionArn, cancellationToken).ConfigureAwait(false);
        if (current is not { State: ExecutionState.Running })
        {
            throw new RuntimeConflictException($"The execution is {current?.State.ToString() ?? "unknown"}: only running executions can be stopped.");
        }
        await _client.StopExecutionAsync(new StopExecutionRequest { ExecutionArn = executionArn, Cause = cause }, cancellationToken).ConfigureAwait(false);
    }

    public async Task RedriveAsync(string executionArn, CancellationToken cancellationToken)
    {
        try
        {
            await _client.RedriveExecutionAsync(new RedriveExecutionRequest { ExecutionArn = executionArn }, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.ErrorCode == "ExecutionNotRedrivable")
        {
            throw new RuntimeConflictException(e.Message);
        }
    }

    private string ExecutionArn(string name) =>
        _stateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + name;
}
