using System.Text.Json.Nodes;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Aws.StepFunctions;
using SmsOnboarding.Aws.StepFunctions.Model;
using SmsOnboarding.Engine.Http;

namespace SmsOnboarding.Engine.Tests.Moto;

/// <summary>What one execution ended with, as seen through the Step Functions API.</summary>
internal sealed record ExecutionOutcome(string? Status, JsonNode? Output, string? Error, string? Cause, IReadOnlyList<string> EventTypes);

/// <summary>
/// moto_server and our engine (behind its HTTP endpoint), both driven by the same typed SFN client,
/// so a definition runs through identical wire calls on each side.
/// </summary>
public sealed class StepFunctionsPair : IAsyncLifetime
{
    private const string Role = "arn:aws:iam::123456789012:role/moto-comparison";
    private MotoServer? _moto;
    private EngineHarness? _harness;
    private EngineServer? _engineServer;
    private AmazonStepFunctionsClient? _motoClient;
    private AmazonStepFunctionsClient? _engineClient;

    public async Task InitializeAsync()
    {
        if (!SmsOnboarding.Testing.MotoServerProcess.IsInstalled)
        {
            return;
        }
        _moto = await MotoServer.StartAsync();
        // Real clock: the compared definitions never wait, and the engine's background scheduler runs them.
        _harness = await EngineHarness.StartAsync(TimeProvider.System);
        _engineServer = await EngineServer.StartAsync(_harness.Engine, 0);
        _motoClient = Client(_moto.BaseUri);
        _engineClient = Client(_engineServer.BaseUri);
    }

    internal async Task<(ExecutionOutcome Moto, ExecutionOutcome Engine)> RunBothAsync(string definition, string input)
    {
        await _moto!.ResetAsync();
        var moto = await RunAsync(_motoClient!, definition, input, arn => PollUntilClosedAsync(_motoClient!, arn));
        var engine = await RunAsync(_engineClient!, definition, input, arn => _harness!.Engine.WaitForExecutionAsync(arn));
        return (moto, engine);
    }

    private static async Task<ExecutionOutcome> RunAsync(AmazonStepFunctionsClient client, string definition, string input, Func<string, Task> untilClosed)
    {
        var machine = await client.CreateStateMachineAsync(new CreateStateMachineRequest { Name = "m" + Guid.NewGuid().ToString("N")[..12], Definition = definition, RoleArn = Role });
        var started = await client.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = machine.StateMachineArn, Input = input });
        await untilClosed(started.ExecutionArn!);
        var described = await client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = started.ExecutionArn });
        var history = await client.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = started.ExecutionArn, MaxResults = 1000 });
        return new ExecutionOutcome(
            described.Status,
            described.Output is null ? null : JsonNode.Parse(described.Output),
            described.Error,
            described.Cause,
            history.Events!.Select(e => e.Type!).ToList());
    }

    /// <summary>moto executes on a Python thread: the only way to know it finished is to ask.</summary>
    private static async Task PollUntilClosedAsync(AmazonStepFunctionsClient client, string executionArn)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var described = await client.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = executionArn });
            if (described.Status != "RUNNING")
            {
                return;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"moto did not finish {executionArn} within 20 s");
    }

    private static AmazonStepFunctionsClient Client(Uri serviceUrl) => new(new AwsClientConfig
    {
        Region = "us-east-1",
        ServiceUrl = serviceUrl,
        Credentials = new Amazon.Runtime.ImmutableCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", null),
    });

    public async Task DisposeAsync()
    {
        _motoClient?.Dispose();
        _engineClient?.Dispose();
        if (_engineServer is not null)
        {
            await _engineServer.DisposeAsync();
        }
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
        if (_moto is not null)
        {
            await _moto.DisposeAsync();
        }
    }
}
