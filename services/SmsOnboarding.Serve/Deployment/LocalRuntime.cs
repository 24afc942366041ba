using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Aws.StepFunctions.Model;
using SmsOnboarding.Engine;
using SmsOnboarding.Serve.Deployment;

namespace SmsOnboarding.Serve.Deployment;

/// <summary>The embedded engine of a <see cref="LocalDeployment"/> behind the API's runtime port, and its events.</summary>
public sealed class LocalRuntime(LocalDeployment deployment) : IOnboardingRuntime, IExecutionEventSource
{
    public void Subscribe(Action<ExecutionUpdate> onUpdate)
    {
        ArgumentNullException.ThrowIfNull(onUpdate);
        deployment.Events.Listen(committed =>
        {
            // Only this deployment's onboardings: other state machines in the engine are not the API's business.
            if (committed.ExecutionArn.StartsWith(ExecutionPrefix, StringComparison.Ordinal))
            {
                onUpdate(new ExecutionUpdate(committed.ExecutionArn, committed.Events.Select(StepFunctionsMapping.ToProgressEvent).ToList()));
            }
        });
    }

    private string ExecutionPrefix => deployment.StateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":";

    public string DefinitionJson { get; } = LocalDeployment.Definition();

    public async Task<string> StartAsync(string executionName, string inputJson, CancellationToken cancellationToken)
    {
        try
        {
            var started = await deployment.Engine.StartExecutionAsync(new StartExecutionRequest
            {
                StateMachineArn = deployment.StateMachineArn,
                Name = executionName,
                Input = inputJson,
            }, cancellationToken).ConfigureAwait(false);
            return started.ExecutionArn!;
        }
        catch (StepFunctionsException e) when (e.ErrorCode == "ExecutionAlreadyExists")
        {
            // A replayed submit after the first start went through (the execution may have ended since).
            return ExecutionPrefix + executionName;
        }
    }

    public async Task<ExecutionSnapshot?> DescribeAsync(string executionArn, CancellationToken cancellationToken)
    {
        try
        {
            var d = await deployment.Engine.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = executionArn }, cancellationToken).ConfigureAwait(false);
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
            events = await deployment.HistoryAsync(executionArn, cancellationToken).ConfigureAwait(false);
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
        await deployment.StopAsync(executionArn, cause, cancellationToken).ConfigureAwait(false);
    }

    public async Task RedriveAsync(string executionArn, CancellationToken cancellationToken)
    {
        try
        {
            await deployment.RedriveAsync(executionArn, cancellationToken).ConfigureAwait(false);
        }
        catch (StepFunctionsException e) when (e.ErrorCode == "ExecutionNotRedrivable")
        {
            throw new RuntimeConflictException(e.Message);
        }
    }
}
