using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmsOnboarding.Api.Accounts;
using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Api.Tasks;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Serve.Hosting;
using SmsOnboarding.Serve.Simulation;
using SmsOnboarding.Simulator;
using SmsOnboarding.Simulator.Scenarios;
using SmsOnboarding.Steps.AccountWork;
using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.HumanTasks;
using SmsOnboarding.Testing;

namespace SmsOnboarding.Api.Tests.Support;

/// <summary>
/// A real serve host on a loopback port: SQLite stores in a temp folder, the real simulated account and
/// task inbox, and a scripted workflow runtime.
/// </summary>
internal sealed class ApiServer : IAsyncDisposable
{
    public const string Alice = "demo-requester-alice";
    public const string Bob = "demo-approver-bob";
    public const string Olivia = "demo-ops-olivia";

    private readonly string _data;

    private ApiServer(string data, ServeHost host, ScriptedRuntime runtime, SqliteHumanTaskInbox inbox, RecordingCallbacks callbacks, FakeTimeProvider time, SimulatedAccount account,
        SqliteAccountWorkStore accountWork)
    {
        AccountWork = accountWork;
        _data = data;
        Host = host;
        Runtime = runtime;
        Inbox = inbox;
        Callbacks = callbacks;
        Time = time;
        Account = account;
    }

    public ServeHost Host { get; }
    public ScriptedRuntime Runtime { get; }
    public SqliteHumanTaskInbox Inbox { get; }
    public RecordingCallbacks Callbacks { get; }
    public FakeTimeProvider Time { get; }
    public SimulatedAccount Account { get; }

    /// <summary>The account-level work the Accounts view lists (what the workflow's case steps would have claimed).</summary>
    public SqliteAccountWorkStore AccountWork { get; }

    /// <param name="data">A data folder to start on (what an earlier process left); a new temp folder when null.</param>
    public static async Task<ApiServer> StartAsync(string? usersFile = null, string? data = null)
    {
        data ??= Path.Combine(Path.GetTempPath(), "smsonboard-api-" + Guid.NewGuid().ToString("N"));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var runtime = new ScriptedRuntime(time);
        Directory.CreateDirectory(data);
        var inbox = new SqliteHumanTaskInbox(Path.Combine(data, "tasks.db"));
        var callbacks = new RecordingCallbacks();
        // The account holds the pool the sample request names, as the demo account does (the dry run looks for it).
        var account = new SimulatedAccount(new SimulatorScenario
        {
            Seed = new SeedData { UserPools = [new SeedUserPool("us-east-1", "Checkout") { Id = "us-east-1_Checkout1" }] },
        }, time);
        var targets = new List<string>();
        var accountWork = new SqliteAccountWorkStore(Path.Combine(data, "idempotency.db"));
        // The Accounts view reads the simulated account through the host's own AWS endpoints, as serve's clients do.
        Uri? endpoint = null;
        var own = new Lazy<IAwsClientFactory>(() => new AwsClientFactory(region => new AwsClientConfig
        {
            Region = region,
            ServiceUrl = endpoint!,
            Credentials = new ImmutableCredentials(SimulatorCredentials.AccessKeyId, SimulatorCredentials.SecretAccessKey, null),
            EnvironmentVariable = _ => null,
        }));
        var stack = new ServeBackends(
            runtime, new HumanTaskDesk(inbox, new HumanTaskService(inbox, callbacks)), time, new SimulatorFacts(account),
            new SimulatedAccountControl(account, time.Advance), new SimulatorServer(account),
            StepFunctionsEndpoint: context =>
            {
                // Stands in for the engine's awsJson endpoint: proves routing and signature checks only.
                targets.Add(context.Request.Headers["X-Amz-Target"].ToString());
                context.Response.ContentType = "application/x-amz-json-1.0";
                return context.Response.WriteAsync("{\"executions\":[]}");
            },
            AccountFacts: new AwsAccountFacts(AwsAccountFacts.ServiceAccountOnly(SimulatorCredentials.AccountId, new LazyClients(own))),
            AccountWork: accountWork);
        var host = await ServeHost.StartAsync(new ServeOptions { Port = 0, DataDirectory = data, UsersFile = usersFile, ConsoleLogging = false }, stack);
        endpoint = host.BaseUri;
        var server = new ApiServer(data, host, runtime, inbox, callbacks, time, account, accountWork);
        server._targets = targets;
        return server;
    }

    private List<string> _targets = [];

    public IReadOnlyList<string> StepFunctionsCalls => _targets;

    /// <summary>A client whose every request waits until the events scripted before it are in the store, as a person would.</summary>
    public HttpClient Client(string? token)
    {
        var feed = Host.Services.GetRequiredService<OnboardingStatusFeed>();
        var client = new HttpClient(new SettledFirst(feed)) { BaseAddress = Host.BaseUri };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    public static JsonObject Request(string requestId = "checkout-1", string requester = "alice", string team = "checkout", string pool = "us-east-1_Checkout1", string[]? approvers = null) => new()
    {
        ["requestId"] = requestId,
        ["userPoolId"] = pool,
        ["countries"] = new JsonArray("US", "CA"),
        ["monthlySpendUsd"] = 250,
        ["messageType"] = "OneTimePassword",
        ["useCase"] = "One-time passwords for sign-in and account recovery of the checkout app.",
        ["websiteUrl"] = "https://checkout.example.com",
        ["optInProcess"] = "Customers enter their number on the profile page and confirm with a code; opting in is optional.",
        ["sampleMessages"] = new JsonArray("Your Checkout sign-in code is {####}. It expires in 5 minutes."),
        ["sandboxNumbers"] = new JsonArray("+12065550101"),
        ["originationType"] = "TollFree",
        ["requester"] = requester,
        ["approvers"] = new JsonArray((approvers ?? ["bob"]).Select(a => (JsonNode)a!).ToArray()),
        ["team"] = team,
        ["registration"] = SampleRegistration.Json(),
    };

    public static Task<(int Status, JsonNode? Body)> SendAsync(HttpClient client, HttpMethod method, string path, JsonNode? body = null) =>
        LoopbackJson.SendAsync(client, method, path, body);

    public async Task<string> SubmitAsync(JsonObject request, string token = Alice)
    {
        using var client = Client(token);
        var (status, body) = await SendAsync(client, HttpMethod.Post, "api/onboardings", request);
        Assert.True(status == 202, $"submit answered {status}: {body?.ToJsonString()}");
        return (string)body!["id"]!;
    }

    /// <summary>Registers a pending human task the way the workflow's ask step does.</summary>
    public async Task<HumanTask> AddTaskAsync(string onboardingId, string kind = HumanTaskKinds.VerificationCode, string slot = "+12065550101") =>
        (await AddTaskWithTokenAsync(onboardingId, kind, slot)).Task;

    /// <summary>As <see cref="AddTaskAsync"/>, with the task token a Step Functions callback would send.</summary>
    public async Task<(HumanTask Task, string Token)> AddTaskWithTokenAsync(string onboardingId, string kind = HumanTaskKinds.VerificationCode, string slot = "+12065550101")
    {
        var execution = Runtime.Get(onboardingId);
        var token = "token-" + Guid.NewGuid().ToString("N");
        var now = Time.GetUtcNow();
        var task = new HumanTask(TaskTokens.Id(token), kind, execution.Arn, onboardingId, slot, "+1******0101",
            "Enter the code sent to +1******0101", now, now.AddHours(4), now.AddDays(1), 0);
        return (await Inbox.AddAsync(task, token), token);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold a handle for a moment; the temp folder is harmless.
        }
    }
}

/// <summary>Clients made on first use (the host's port is known only once it started).</summary>
internal sealed class LazyClients(Lazy<IAwsClientFactory> clients) : IAwsClientFactory
{
    public SmsOnboarding.Aws.SimpleNotificationService.IAmazonSimpleNotificationService Sns(string region) => clients.Value.Sns(region);

    public SmsOnboarding.Aws.CognitoIdentityProvider.IAmazonCognitoIdentityProvider Cognito(string region) => clients.Value.Cognito(region);

    public SmsOnboarding.Aws.PinpointSMSVoiceV2.IAmazonPinpointSMSVoiceV2 SmsVoice(string region) => clients.Value.SmsVoice(region);

    public SmsOnboarding.Aws.ServiceQuotas.IAmazonServiceQuotas ServiceQuotas(string region) => clients.Value.ServiceQuotas(region);

    public SmsOnboarding.Aws.AWSSupport.IAmazonAWSSupport Support() => clients.Value.Support();

    public SmsOnboarding.Aws.SecurityToken.IAmazonSecurityTokenService Sts(string region) => clients.Value.Sts(region);

    public SmsOnboarding.Aws.IdentityManagement.IAmazonIdentityManagementService Iam() => clients.Value.Iam();
}

internal sealed class SettledFirst(OnboardingStatusFeed feed) : DelegatingHandler(new HttpClientHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await feed.SettledAsync().WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}

internal static class JsonAssert
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static T Read<T>(JsonNode? node) => node.Deserialize<T>(Options)!;
}
