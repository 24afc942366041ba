using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Aws.StepFunctions.Model;
using SmsOnboarding.Engine;
using SmsOnboarding.Local;

namespace SmsOnboarding.Api.Local;

/// <summary>The embedded engine of a <see cref="LocalStack"/> behind the API's runtime port.</summary>
public sealed class LocalRuntime(LocalStack stack) : IOnboardingRuntime
{
    public string DefinitionJson { get; } = LocalStack.Definition();

    public async Task<string> StartAsync(string executionName, string inputJson, CancellationToken cancellationToken)
    {
        try
        {
            var started = await stack.Engine.StartExecutionAsync(new StartExecutionRequest
            {
                StateMachineArn = stack.StateMachineArn,
                Name = executionName,
                Input = inputJson,
            }, cancellationToken).ConfigureAwait(false);
            return started.ExecutionArn!;
        }
        catch (StepFunctionsException e) when (e.ErrorCode == "ExecutionAlreadyExists")
        {
            // A replayed submit after the first start went through (the execution may have ended since).
            return stack.StateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + executionName;
        }
    }

    public async Task<ExecutionSnapshot?> DescribeAsync(string executionArn, CancellationToken cancellationToken)
    {
        try
        {
            var d = await stack.Engine.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = executionArn }, cancellationToken).ConfigureAwait(false);
            return StepFunctionsMapping.Snapshot(executionArn, d);
        }
        catch (StepFunctionsException e) when (e.ErrorCode == "ExecutionDoesNotExist")
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<ExecutionEvent>> HistoryAsync(string executionArn, CancellationToken cancellationToken)
    {
        IReadOnlyList<HistoryEvent> events;
        try
        {
            events = await stack.HistoryAsync(executionArn, cancellationToken).ConfigureAwait(false);
        }
        catch (StepFunctionsException e) when (e.ErrorCode == "ExecutionDoesNotExist")
        {
            return [];
        }
        return events.Select(StepFunctionsMapping.ToEvent).ToList();
    }

    public async Task StopAsync(string executionArn, string cause, CancellationToken cancellationToken)
    {
        var current = await DescribeAsync(executionArn, cancellationToken).ConfigureAwait(false);
        if (current is not { State: ExecutionState.Running })
        {
            throw new RuntimeConflictException($"The execution is {current?.State.ToString() ?? "unknown"}: only running executions can be stopped.");
        }
        await stack.StopAsync(executionArn, cause, cancellationToken).ConfigureAwait(false);
    }

    public async Task RedriveAsync(string executionArn, CancellationToken cancellationToken)
    {
        try
        {
            await stack.RedriveAsync(executionArn, cancellationToken).ConfigureAwait(false);
        }
        catch (StepFunctionsException e) when (e.ErrorCode == "ExecutionNotRedrivable")
        {
            throw new RuntimeConflictException(e.Message);
        }
    }
}
