using System.Text.Json.Nodes;
using Amazon.Runtime;
using Microsoft.Extensions.Time.Testing;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Domain.Requests;
using SmsOnboarding.Simulator;
using SmsOnboarding.Simulator.Hosting;
using SmsOnboarding.Simulator.Scenarios;
using SmsOnboarding.Steps.AccountWork;
using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.HumanTasks;
using SmsOnboarding.Steps.Idempotency;
using SmsOnboarding.Testing;

namespace SmsOnboarding.Steps.Tests.Support;

/// <summary>The simulated account on a loopback port, real signed clients against it, SQLite stores in a temp folder.</summary>
public sealed class SimulatedAws : IAsyncDisposable
{
    public const string ExecutionArn = "arn:aws:states:us-east-1:111122223333:execution:sms-onboarding:req-1";

    private readonly SimulatorHost _host;
    private readonly AwsClientFactory _clients;

    private SimulatedAws(SimulatorHost host, FakeTimeProvider clock, string dataDir)
    {
        _host = host;
        Clock = clock;
        DataDir = dataDir;
        _clients = new AwsClientFactory(ClientConfig);
        Store = new SqliteIdempotencyStore(Path.Combine(dataDir, "idempotency.db"));
        AccountWork = new SqliteAccountWorkStore(Path.Combine(dataDir, "idempotency.db"));
        Inbox = new SqliteHumanTaskInbox(Path.Combine(dataDir, "human-tasks.db"));
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>Signed for the simulator, no client retries (a fault reaches the step as it is).</summary>
    public AwsClientConfig ClientConfig(string region) => new()
    {
        Region = region,
        ServiceUrl = _host.BaseUri,
        Credentials = new ImmutableCredentials(SimulatorCredentials.AccessKeyId, SimulatorCredentials.SecretAccessKey, null),
        TimeProvider = Clock,
        Retry = new RetryOptions { MaxAttempts = 1 },
        EnvironmentVariable = _ => null,
    };

    public string DataDir { get; }

    public SimulatedAccount Account => _host.Account;

    public IAwsClientFactory Clients => _clients;

    public IIdempotencyStore Store { get; }

    public IAccountWorkStore AccountWork { get; }

    public IHumanTaskInbox Inbox { get; }

    public static async Task<SimulatedAws> StartAsync(SimulatorScenario? scenario = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var account = new SimulatedAccount(scenario ?? DefaultScenario(), clock);
        var host = await SimulatorHost.StartAsync(account).ConfigureAwait(false);
        var dir = Directory.CreateTempSubdirectory("steps-tests-").FullName;
        return new SimulatedAws(host, clock, dir);
    }

    public static SimulatorScenario DefaultScenario(Func<SeedData, SeedData>? seed = null) => new()
    {
        Seed = (seed ?? (s => s))(new SeedData
        {
            UserPools = [new SeedUserPool("us-east-1", "checkout") { Id = "us-east-1_Checkout1" }],
        }),
    };

    public StepHost Host() => new(Clients, Store, AccountWork, Inbox, Clock);

    public static OnboardingRequest Request(string poolId = "us-east-1_Checkout1", decimal spend = 250, OriginationType origination = OriginationType.TollFree, params string[] numbers)
    {
        var json = new JsonObject
        {
            ["requestId"] = "req-1",
            ["userPoolId"] = poolId,
            ["countries"] = new JsonArray("US", "CA"),
            ["monthlySpendUsd"] = spend,
            ["messageType"] = "OneTimePassword",
            ["useCase"] = "One-time passwords for sign-in and account recovery of the checkout app.",
            ["websiteUrl"] = "https://checkout.example.com",
            ["optInProcess"] = "Customers enter their number on the profile page and confirm with a code; opting in is optional.",
            ["sampleMessages"] = new JsonArray("Your Checkout sign-in code is {####}. It expires in 5 minutes."),
            ["sandboxNumbers"] = new JsonArray((numbers.Length == 0 ? ["+12065550101"] : numbers).Select(n => (JsonNode)n!).ToArray()),
            ["originationType"] = origination.ToString(),
            ["requester"] = "alice",
            ["approvers"] = new JsonArray("bob"),
            ["team"] = "checkout",
            ["registration"] = SampleRegistration.Json(),
        };
        var result = OnboardingRequestValidator.Validate(json);
        Assert.True(result.IsValid, string.Join("; ", result.Problems.Select(p => p.Message)));
        return result.Request!;
    }

    public static WorkflowSettings Settings => new(300, 43200, 90, 86400, 7, 3, 5);

    public async ValueTask DisposeAsync()
    {
        _clients.Dispose();
        await _host.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold a WAL file on some platforms; the temp folder is cleaned by the OS.
        }
    }
}
