using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using SmsOnboarding.Aws.StepFunctions.Model;

namespace SmsOnboarding.Engine.Tests;

/// <summary>What the writer puts in the SQLite file: JSON text, byte for byte what the API returns.</summary>
public sealed class StorageFormatTests
{
    [Fact]
    public async Task History_and_snapshot_rows_are_json_text_with_non_ascii_data_intact()
    {
        await using var h = await EngineHarness.StartAsync();
        h.Engine.RegisterFunction("echo", (i, _) => Task.FromResult(i.Payload));
        const string Input = """{"name":"Zoë ✓ 日本 \ud83d\ude00","quote":"\"x\""}""";
        var machine = await h.CreateAsync("""
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111122223333:function:echo","Next":"W"},
              "W":{"Type":"Wait","Seconds":60,"End":true}}}
            """);
        var arn = await h.StartAsync(machine, Input);
        await h.Engine.RunUntilIdleAsync();

        await using (var connection = new SqliteConnection($"Data Source={h.DatabasePath}"))
        {
            connection.Open();
            using var types = connection.CreateCommand();
            types.CommandText = "SELECT DISTINCT typeof(body) FROM history UNION ALL SELECT DISTINCT typeof(snapshot) FROM executions";
            using (var reader = types.ExecuteReader())
            {
                var seen = new List<string>();
                while (reader.Read())
                {
                    seen.Add(reader.GetString(0));
                }
                Assert.Equal(["text", "text"], seen);
            }
            using var snapshot = connection.CreateCommand();
            snapshot.CommandText = "SELECT json_extract(snapshot, '$.Input') FROM executions";
            Assert.Equal(Input, (string)snapshot.ExecuteScalar()!);
        }

        var entered = (await h.HistoryAsync(arn)).First(e => e.Type == HistoryEventType.WaitStateEntered);
        Assert.Equal("Zoë ✓ 日本 😀", JsonNode.Parse(entered.StateEnteredEventDetails!.Input!)!["name"]!.GetValue<string>());

        // The same rows read back after a restart: the running execution resumes from its snapshot.
        await h.ReopenAsync();
        h.Fake.Advance(TimeSpan.FromSeconds(60));
        var done = await h.SettleAsync(arn);
        Assert.Equal("SUCCEEDED", done.Status);
        Assert.Equal("Zoë ✓ 日本 😀", EngineHarness.Parse(done.Output)!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Task_states_one_after_another_in_one_run_each_follow_their_own_retries()
    {
        await using var h = await EngineHarness.StartAsync();
        var calls = new Dictionary<string, int>();
        h.Engine.RegisterFunction("flaky", (i, _) =>
        {
            var step = i.Payload!["step"]!.GetValue<string>();
            lock (calls)
            {
                calls[step] = calls.GetValueOrDefault(step) + 1;
                if (calls[step] == 1)
                {
                    throw new Tasks.TaskFailedException("Busy", step);
                }
            }
            return Task.FromResult<JsonNode?>(step);
        });
        var done = await h.RunAsync("""
            {"StartAt":"A","States":{
              "A":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111122223333:function:flaky","Parameters":{"step":"a"},"ResultPath":"$.a",
                   "Retry":[{"ErrorEquals":["Busy"],"IntervalSeconds":1}],"Next":"B"},
              "B":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111122223333:function:flaky","Parameters":{"step":"b"},"ResultPath":"$.b",
                   "Retry":[{"ErrorEquals":["Busy"],"IntervalSeconds":1}],"End":true}}}
            """);

        Assert.Equal("SUCCEEDED", done.Status);
        Assert.Equal("""{"a":"a","b":"b"}""", done.Output);
        Assert.Equal(2, calls["a"]);
        Assert.Equal(2, calls["b"]);
    }
}
