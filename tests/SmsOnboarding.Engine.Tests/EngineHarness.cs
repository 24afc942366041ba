using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SmsOnboarding.Aws.StepFunctions.Model;
using SmsOnboarding.Engine;

namespace SmsOnboarding.Engine.Tests;

/// <summary>An engine on a temp SQLite file and a fake (or skipping) clock, with helpers to run a definition.</summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    public const string Role = "arn:aws:iam::111122223333:role/engine-tests";

    private EngineHarness(string directory, StepFunctionsEngine engine, TimeProvider clock)
    {
        Directory = directory;
        Engine = engine;
        Clock = clock;
    }

    public string Directory { get; }

    public string DatabasePath => Path.Combine(Directory, "engine.db");

    public StepFunctionsEngine Engine { get; private set; }

    public TimeProvider Clock { get; private set; }

    public FakeTimeProvider Fake => (FakeTimeProvider)Clock;

    public static async Task<EngineHarness> StartAsync(TimeProvider? clock = null, bool skipWhileAwaitingCallbacks = false, string? directory = null, IExecutionEventSink? events = null)
    {
        directory ??= Path.Combine(Path.GetTempPath(), "engine-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        clock ??= new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var engine = await StepFunctionsEngine.OpenAsync(new EngineOptions
        {
            DatabasePath = Path.Combine(directory, "engine.db"),
            Clock = clock,
            SkipWhileAwaitingCallbacks = skipWhileAwaitingCallbacks,
            Random = () => 0.5,
            Events = events,
        });
        return new EngineHarness(directory, engine, clock);
    }

    /// <summary>Closes the engine and opens the same file again (as after a restart), with the handlers tasks resume on.</summary>
    public async Task ReopenAsync(TimeProvider? clock = null, IReadOnlyDictionary<string, Tasks.TaskHandler>? functions = null)
    {
        await Engine.DisposeAsync();
        Clock = clock ?? Clock;
        Engine = await StepFunctionsEngine.OpenAsync(new EngineOptions
        {
            DatabasePath = DatabasePath,
            Clock = Clock,
            Random = () => 0.5,
            Functions = functions ?? new Dictionary<string, Tasks.TaskHandler>(),
        });
    }

    public async Task<string> CreateAsync(string definition, string name = "machine")
    {
        var created = await Engine.CreateStateMachineAsync(new CreateStateMachineRequest { Name = name, Definition = definition, RoleArn = Role });
        return created.StateMachineArn!;
    }

    public async Task<string> StartAsync(string machineArn, string input = "{}", string? name = null)
    {
        var started = await Engine.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = machineArn, Input = input, Name = name });
        return started.ExecutionArn!;
    }

    /// <summary>Creates, starts and runs to the end (skipping fake time forward to every pending timer).</summary>
    public async Task<DescribeExecutionResponse> RunAsync(string definition, string input = "{}")
    {
        var arn = await StartAsync(await CreateAsync(definition, "m" + Guid.NewGuid().ToString("N")[..8]), input);
        return await SettleAsync(arn);
    }

    /// <summary>Lets the engine work; with a fake clock, advances it to each next timer until the execution closes (max 200 steps).</summary>
    public async Task<DescribeExecutionResponse> SettleAsync(string executionArn, int maxSteps = 200)
    {
        for (var i = 0; i < maxSteps; i++)
        {
            await Engine.RunUntilIdleAsync();
            var described = await Engine.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = executionArn });
            if (described.Status != "RUNNING" || Clock is not FakeTimeProvider fake)
            {
                return described;
            }
            fake.Advance(TimeSpan.FromSeconds(1));
        }
        return await Engine.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = executionArn });
    }

    public async Task<List<HistoryEvent>> HistoryAsync(string executionArn)
    {
        var events = new List<HistoryEvent>();
        string? token = null;
        do
        {
            var page = await Engine.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = executionArn, NextToken = token, MaxResults = 1000 });
            events.AddRange(page.Events!);
            token = page.NextToken;
        }
        while (token is not null);
        return events;
    }

    public static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold the file for a moment; temp files are harmless.
        }
    }
}
