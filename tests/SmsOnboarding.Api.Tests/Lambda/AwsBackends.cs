using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Aws.StepFunctions;
using SmsOnboarding.Aws.StepFunctions.Model;
using SmsOnboarding.Engine;
using SmsOnboarding.Engine.Http;
using SmsOnboarding.Simulator;
using SmsOnboarding.Steps.Storage.DynamoDb;
using SmsOnboarding.Testing;

namespace SmsOnboarding.Api.Tests.Lambda;

/// <summary>
/// What the API Lambda talks to, for real: moto_server's DynamoDB (one per test run, a table per test) and our
/// engine's Step Functions awsJson endpoint on loopback, reached through the typed SigV4 client.
/// </summary>
public sealed class AwsBackends : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "apilambda-" + Guid.NewGuid().ToString("N"));
    private MotoServerProcess? _moto;
    private StepFunctionsEngine? _engine;
    private EngineServer? _server;
    private int _tables;

    public Uri DynamoDbEndpoint => _moto?.BaseUri ?? new("http://127.0.0.1");

    public AmazonStepFunctionsClient? StepFunctions { get; private set; }

    /// <summary>The engine behind <see cref="StepFunctions"/>: tests wait for its executions to settle.</summary>
    public StepFunctionsEngine Engine => _engine ?? throw new InvalidOperationException("moto_server is not installed: no engine was started.");

    public string StateMachineArn { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (!MotoServerProcess.IsInstalled)
        {
            return;
        }
        Directory.CreateDirectory(_directory);
        _moto = await MotoServerProcess.StartAsync();
        _engine = await StepFunctionsEngine.OpenAsync(new EngineOptions { DatabasePath = Path.Combine(_directory, "engine.db") });
        _server = await EngineServer.StartAsync(_engine, 0);
        StepFunctions = new AmazonStepFunctionsClient(new AwsClientConfig
        {
            Region = "us-east-1",
            ServiceUrl = _server.BaseUri,
            Credentials = new ImmutableCredentials(SimulatorCredentials.AccessKeyId, SimulatorCredentials.SecretAccessKey, null),
            EnvironmentVariable = _ => null,
        });
        var created = await StepFunctions.CreateStateMachineAsync(new CreateStateMachineRequest
        {
            Name = "sms-onboarding",
            RoleArn = "arn:aws:iam::111122223333:role/sms-onboarding-workflow",
            Definition = """{"StartAt":"Wait","States":{"Wait":{"Type":"Wait","Seconds":86400,"End":true}}}""",
        });
        StateMachineArn = created.StateMachineArn!;
    }

    public async Task DisposeAsync()
    {
        if (_moto is not null)
        {
            await _moto.DisposeAsync();
        }
        StepFunctions?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    public IAmazonDynamoDB DynamoDb() => new AmazonDynamoDBClient(
        new BasicAWSCredentials("testing", "testing"),
        new AmazonDynamoDBConfig { ServiceURL = DynamoDbEndpoint.ToString(), AuthenticationRegion = "us-east-1", MaxErrorRetry = 0 });

    /// <summary>A fresh table with the deployed layout (same schema constants as the CDK stack).</summary>
    public async Task<string> CreateTableAsync(IAmazonDynamoDB client)
    {
        var name = $"api-{Interlocked.Increment(ref _tables)}";
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
public sealed class AwsBackendsCollection : ICollectionFixture<AwsBackends>
{
    public const string Name = "api-lambda-aws";
}
