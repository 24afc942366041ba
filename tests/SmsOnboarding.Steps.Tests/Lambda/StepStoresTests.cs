using SmsOnboarding.Steps.HumanTasks;
using SmsOnboarding.Steps.Lambda;
using SmsOnboarding.Steps.RegisterHumanTask;
using SmsOnboarding.Steps.Storage.DynamoDb;

namespace SmsOnboarding.Steps.Tests.Lambda;

public sealed class StepStoresTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "stepstores-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Without_a_table_name_the_entry_point_keeps_tasks_in_sqlite_under_the_data_dir()
    {
        var env = new Dictionary<string, string> { [StepStores.DataDirVariable] = _dir };
        var host = StepEntryPoint.CreateHost(name => env.GetValueOrDefault(name));

        await StepEntryPoint.Invoke(host, RegisterHumanTaskStep.Name, LambdaPayloads.Stream(LambdaPayloads.Register("token-1")));

        var inbox = new SqliteHumanTaskInbox(Path.Combine(_dir, "human-tasks.db"));
        var task = Assert.Single(await inbox.ListPendingAsync());
        Assert.Equal(TaskTokens.Id("token-1"), task.Id);
    }

    [Fact]
    public void Table_name_without_a_region_is_a_clear_error()
    {
        var env = new Dictionary<string, string> { [OnboardingTableSchema.TableNameVariable] = "onboarding" };

        var error = Assert.Throws<InvalidOperationException>(() => StepStores.FromEnvironment(name => env.GetValueOrDefault(name)));

        Assert.Contains("AWS_REGION", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_name_selects_the_dynamodb_stores()
    {
        var env = new Dictionary<string, string> { [OnboardingTableSchema.TableNameVariable] = "onboarding", ["AWS_REGION"] = "us-west-2" };

        var stores = StepStores.FromEnvironment(name => env.GetValueOrDefault(name), new Amazon.Runtime.BasicAWSCredentials("a", "b"));

        Assert.IsType<DynamoDbHumanTaskInbox>(stores.Inbox);
        Assert.IsType<DynamoDbIdempotencyStore>(stores.Idempotency);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
