using System.Text.Json.Nodes;
using SmsOnboarding.Aws.StepFunctions.Model;

namespace SmsOnboarding.Engine.Tests;

/// <summary>
/// Child-process entry (`dotnet exec SmsOnboarding.Engine.Tests.dll crash-worker DB EFFECTS`): starts executions whose
/// tasks append their idempotency key to EFFECTS, and runs until the test kills it with kill -9.
/// </summary>
public static class CrashWorker
{
    public const int Executions = 30;
    public const int ItemsPerExecution = 5;
    public const int TasksPerExecution = ItemsPerExecution + 1;

    public const string Definition = """
        {"StartAt":"Each","States":{
          "Each":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":2,"ResultPath":"$.results",
            "ItemProcessor":{"StartAt":"Effect","States":{"Effect":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111122223333:function:effect","End":true}}},
            "Next":"Wait"},
          "Wait":{"Type":"Wait","Seconds":1,"Next":"Last"},
          "Last":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111122223333:function:effect","ResultPath":"$.last","End":true}}}
        """;

    public static int Main(string[] args)
    {
        if (args is not ["crash-worker", var database, var effects])
        {
            Console.Error.WriteLine("usage: crash-worker DB EFFECTS");
            return 2;
        }
        RunAsync(database, effects).GetAwaiter().GetResult();
        return 0;
    }

    public static Tasks.TaskHandler Handler(string effects) => async (invocation, ct) =>
    {
        lock (typeof(CrashWorker))
        {
            File.AppendAllText(effects, invocation.IdempotencyKey + "\n");
        }
        // Slow enough that the kill lands mid-run (real time: this runs in a child process).
        await Task.Delay(200, ct);
        return invocation.Payload;
    };

    private static async Task RunAsync(string database, string effects)
    {
        var engine = await StepFunctionsEngine.OpenAsync(new EngineOptions { DatabasePath = database });
        engine.RegisterFunction("effect", Handler(effects));
        var machine = (await engine.CreateStateMachineAsync(new CreateStateMachineRequest { Name = "crash", Definition = Definition, RoleArn = EngineHarness.Role })).StateMachineArn;
        var input = new JsonObject { ["items"] = new JsonArray([.. Enumerable.Range(1, ItemsPerExecution).Select(i => (JsonNode)i)]) }.ToJsonString();
        for (var i = 0; i < Executions; i++)
        {
            await engine.StartExecutionAsync(new StartExecutionRequest { StateMachineArn = machine, Name = $"x{i}", Input = input });
        }
        Console.WriteLine("started");
        await Task.Delay(Timeout.Infinite);
    }
}
