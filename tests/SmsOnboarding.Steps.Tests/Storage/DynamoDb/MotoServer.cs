using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using SmsOnboarding.Steps.Storage.DynamoDb;
using SmsOnboarding.Testing;

namespace SmsOnboarding.Steps.Tests.Storage.DynamoDb;

/// <summary>One moto_server per test run on a free loopback port; each test gets its own table.</summary>
public sealed class MotoServer : IAsyncLifetime
{
    private MotoServerProcess? _process;
    private int _tables;

    public Uri Endpoint => _process?.BaseUri ?? new("http://127.0.0.1");

    public async Task InitializeAsync()
    {
        if (MotoServerProcess.IsInstalled)
        {
            _process = await MotoServerProcess.StartAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }

    public IAmazonDynamoDB Client() => new AmazonDynamoDBClient(
        new BasicAWSCredentials("testing", "testing"),
        new AmazonDynamoDBConfig { ServiceURL = Endpoint.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    /// <summary>A fresh table with the deployed layout (same schema constants as the CDK stack).</summary>
    public async Task<string> CreateTableAsync(IAmazonDynamoDB client)
    {
        var name = $"onboarding-{Interlocked.Increment(ref _tables)}";
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            AttributeDefinitions =
            [
                new(OnboardingTableSchema.PartitionKey, ScalarAttributeType.S),
                new(OnboardingTableSchema.SortKey, ScalarAttributeType.S),
                new(OnboardingTableSchema.IndexPartitionKey, ScalarAttributeType.S),
                new(OnboardingTableSchema.IndexSortKey, ScalarAttributeType.S),
            ],
            KeySchema = [new(OnboardingTableSchema.PartitionKey, KeyType.HASH), new(OnboardingTableSchema.SortKey, KeyType.RANGE)],
            GlobalSecondaryIndexes =
            [
                new GlobalSecondaryIndex
                {
                    IndexName = OnboardingTableSchema.PendingTasksIndex,
                    KeySchema = [new(OnboardingTableSchema.IndexPartitionKey, KeyType.HASH), new(OnboardingTableSchema.IndexSortKey, KeyType.RANGE)],
                    Projection = new Projection { ProjectionType = ProjectionType.ALL },
                },
            ],
        });
        return name;
    }
}

[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoServer>
{
    public const string Name = "moto";
}
