using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using SmsOnboarding.Steps.Storage.DynamoDb;

namespace SmsOnboarding.Steps.Tests.Storage.DynamoDb;

/// <summary>One moto_server per test run on a free loopback port; each test gets its own table.</summary>
public sealed class MotoServer : IAsyncLifetime
{
    private Process? _process;
    private int _tables;

    public static bool IsInstalled { get; } = FindOnPath("moto_server") is not null;

    public Uri Endpoint { get; private set; } = new("http://127.0.0.1");

    public async Task InitializeAsync()
    {
        if (!IsInstalled)
        {
            return;
        }

        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        _process = Process.Start(new ProcessStartInfo(FindOnPath("moto_server")!, $"-H 127.0.0.1 -p {port}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("moto_server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // Readiness of a child process is wall-clock by nature; the tests themselves never wait on time.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(Endpoint, "/moto-api/"));
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        return Task.CompletedTask;
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}

[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoServer>
{
    public const string Name = "moto";
}

/// <summary>A fact that is skipped, saying why, only when moto_server is not installed.</summary>
public sealed class MotoFactAttribute : FactAttribute
{
    public MotoFactAttribute()
    {
        if (!MotoServer.IsInstalled)
        {
            Skip = "moto_server is not on PATH (pip install 'moto[server]'); the DynamoDB adapter tests need it.";
        }
    }
}
