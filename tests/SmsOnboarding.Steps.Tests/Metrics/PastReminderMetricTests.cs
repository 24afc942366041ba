using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SmsOnboarding.Steps.Handlers;
using SmsOnboarding.Steps.HumanTasks;
using SmsOnboarding.Steps.Idempotency;
using SmsOnboarding.Steps.Metrics;
using SmsOnboarding.Steps.RegisterHumanTask;
using SmsOnboarding.Steps.Reminders;
using SmsOnboarding.Steps.Tests.Lambda;

namespace SmsOnboarding.Steps.Tests.Metrics;

public sealed class PastReminderMetricTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 5, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "metrics-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(At);
    private readonly StringWriter _stdout = new();

    private RegisterHumanTaskHandler Handler()
    {
        Directory.CreateDirectory(_dir);
        return new RegisterHumanTaskHandler(new SqliteHumanTaskInbox(Path.Combine(_dir, "tasks.db")), _time, new EmbeddedMetricFormatMetrics(_stdout, _time),
            new SqliteIdempotencyStore(Path.Combine(_dir, "idempotency.db")), NoReminderNotifier.Instance);
    }

    [Fact]
    public async Task First_registration_emits_nothing_and_each_reminder_emits_one_embedded_metric_line()
    {
        var handler = Handler();

        await handler.HandleAsync(LambdaPayloads.Register("token-0"));
        Assert.Equal(string.Empty, _stdout.ToString());

        _time.Advance(TimeSpan.FromHours(1));
        await handler.HandleAsync(LambdaPayloads.Register("token-1", reminder: 1));
        await handler.HandleAsync(LambdaPayloads.Register("token-2", reminder: 2));

        var lines = _stdout.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        var emf = JsonNode.Parse(lines[0])!;
        Assert.Equal((At + TimeSpan.FromHours(1)).ToUnixTimeMilliseconds(), (long)emf["_aws"]!["Timestamp"]!);
        var directive = Assert.Single(emf["_aws"]!["CloudWatchMetrics"]!.AsArray())!;
        Assert.Equal("SmsOnboarding", (string?)directive["Namespace"]);
        Assert.Equal("[[]]", directive["Dimensions"]!.ToJsonString());
        Assert.Equal("""[{"Name":"HumanTasksPastReminder","Unit":"Count"}]""", directive["Metrics"]!.ToJsonString());
        Assert.Equal(1, (int)emf["HumanTasksPastReminder"]!);
    }

    [Fact]
    public void Embedded_metric_line_is_exactly_the_documented_shape()
    {
        new EmbeddedMetricFormatMetrics(_stdout, _time).Count(StepMetrics.HumanTasksPastReminder);

        Assert.Equal(
            "{\"_aws\":{\"Timestamp\":" + At.ToUnixTimeMilliseconds() + ",\"CloudWatchMetrics\":[{\"Namespace\":\"SmsOnboarding\",\"Dimensions\":[[]],"
            + "\"Metrics\":[{\"Name\":\"HumanTasksPastReminder\",\"Unit\":\"Count\"}]}]},\"HumanTasksPastReminder\":1}" + Environment.NewLine,
            _stdout.ToString());
    }

    [Fact]
    public void Metrics_are_embedded_in_stdout_only_inside_lambda()
    {
        var lambda = new Dictionary<string, string> { ["AWS_LAMBDA_FUNCTION_NAME"] = "sms-onboarding-RegisterHumanTask" };

        Assert.IsType<EmbeddedMetricFormatMetrics>(StepMetrics.FromEnvironment(lambda.GetValueOrDefault, _stdout, _time));
        Assert.Same(NoMetrics.Instance, StepMetrics.FromEnvironment(_ => null, _stdout, _time));
    }

    [Fact]
    public async Task Lambda_entry_point_writes_the_reminder_metric_to_its_output()
    {
        var env = new Dictionary<string, string> { ["AWS_LAMBDA_FUNCTION_NAME"] = "sms-onboarding-RegisterHumanTask", [SmsOnboarding.Steps.Lambda.StepStores.DataDirVariable] = _dir };
        var host = SmsOnboarding.Steps.Lambda.StepEntryPoint.CreateHost(env.GetValueOrDefault, metricsOutput: _stdout);

        await SmsOnboarding.Steps.Lambda.StepEntryPoint.Invoke(host, RegisterHumanTaskStep.Name, LambdaPayloads.Stream(LambdaPayloads.Register("token-1", reminder: 1)));

        var line = Assert.Single(_stdout.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(1, (int)JsonNode.Parse(line)![StepMetrics.HumanTasksPastReminder]!);
    }

    public void Dispose()
    {
        _stdout.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
