using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Aws.StepFunctions.Model;
using SmsOnboarding.Domain.Requests;
using SmsOnboarding.Engine;
using SmsOnboarding.Engine.Tasks;
using SmsOnboarding.Engine.Time;
using SmsOnboarding.Simulator;
using SmsOnboarding.Simulator.Hosting;
using SmsOnboarding.Simulator.Persistence;
using SmsOnboarding.Steps;
using SmsOnboarding.Steps.AccountWork;
using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.HumanTasks;
using SmsOnboarding.Steps.Idempotency;
using SmsOnboarding.Steps.Reminders;
using SmsOnboarding.Steps.TargetAccounts;

namespace SmsOnboarding.Serve.Deployment;

/// <summary>
/// The whole product on one machine: the embedded engine runs statemachine/onboarding.asl.json durably, its
/// Lambda tasks are the real step handlers, and they call the simulated account over signed loopback HTTP.
/// One clock (time-skipping) drives the engine's timers and the simulator's reviews.
/// </summary>
public sealed partial class LocalDeployment : IAsyncDisposable
{
    public const string StateMachineName = "sms-onboarding";
    private const string StatesRoleArn = "arn:aws:iam::111122223333:role/sms-onboarding-states";

    private readonly SimulatorHost? _simulator;
    private readonly AwsClientFactory _clients;
    private readonly IReadOnlyList<IDisposable> _owned;
    private readonly int _randomSeed;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<AwsClientFactory>> _administered = new(StringComparer.Ordinal);

    private LocalDeployment(StepFunctionsEngine engine, SimulatorHost? simulator, AwsClientFactory clients, IReadOnlyList<IDisposable> owned, int randomSeed, SkippingTimeProvider clock,
        IHumanTaskInbox inbox, IIdempotencyStore idempotency, IAccountWorkStore accountWork, string stateMachineArn, ExecutionEventRelay events)
    {
        Events = events;
        Engine = engine;
        _simulator = simulator;
        _clients = clients;
        _owned = owned;
        _randomSeed = randomSeed;
        Clock = clock;
        Inbox = inbox;
        Idempotency = idempotency;
        AccountWork = accountWork;
        StateMachineArn = stateMachineArn;
        HumanTasks = new HumanTaskService(inbox, new EngineCallbacks(engine));
    }

    public StepFunctionsEngine Engine { get; }

    /// <summary>Every execution's history events, raised after the commit that makes them durable.</summary>
    public ExecutionEventRelay Events { get; }

    /// <summary>False when the steps call real AWS (<see cref="LocalDeploymentOptions.RealAws"/>): there is no simulated account.</summary>
    public bool IsSimulated => _simulator is not null;

    public SimulatedAccount Simulator => (_simulator ?? throw NoSimulator()).Account;

    /// <summary>The simulator's loopback endpoint (aws CLI: --endpoint-url).</summary>
    public Uri SimulatorEndpoint => (_simulator ?? throw NoSimulator()).BaseUri;

    public SkippingTimeProvider Clock { get; }

    public HumanTaskService HumanTasks { get; }

    public IHumanTaskInbox Inbox { get; }

    public IIdempotencyStore Idempotency { get; }

    public IAccountWorkStore AccountWork { get; }

    /// <summary>The account administrator's clients (the API's facts probe, tests); each step has its role's own.</summary>
    public IAwsClientFactory Aws => _clients;

    public string StateMachineArn { get; }

    public static async Task<LocalDeployment> StartAsync(LocalDeploymentOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(options.DataDirectory);
        // Simulated: the clock's offset and the account live in the data directory next to the engine's database, so a
        // restart (even after kill -9) resumes the same virtual time and the same "AWS account".
        var clock = options.Clock ?? (options.RealAws is null
            ? ClockFile.Open(Path.Combine(options.DataDirectory, ClockFile.FileName), TimeProvider.System, options.Start)
            : new SkippingTimeProvider(TimeProvider.System, options.Start));
        SimulatorHost? simulator = null;
        if (options.RealAws is null)
        {
            var account = options.Account ?? SimulatorStateFile.OpenOrCreate(Path.Combine(options.DataDirectory, SimulatorStateFile.FileName), options.Scenario, clock);
            simulator = await SimulatorHost.StartAsync(account, 0, cancellationToken).ConfigureAwait(false);
        }
        var clients = new AwsClientFactory(options.RealAws ?? SimulatorClientConfig(simulator!.BaseUri, options.RandomSeed));
        var idempotency = new SqliteIdempotencyStore(Path.Combine(options.DataDirectory, "idempotency.db"));
        var accountWork = new SqliteAccountWorkStore(Path.Combine(options.DataDirectory, "idempotency.db"));
        var inbox = new SqliteHumanTaskInbox(Path.Combine(options.DataDirectory, "human-tasks.db"));
        var random = new Random(options.RandomSeed);
        var owned = new List<IDisposable>();
        StepHost host;
        if (simulator is null)
        {
            // Real AWS from one machine: every step acts with the caller's credentials; no stack resources are created.
            host = new StepHost(clients, idempotency, accountWork, inbox, clock);
        }
        else
        {
            // Like the CDK stack on AWS: the reminder topic, the SMS-role boundary and one execution role per step.
            var account = simulator.Account;
            var topic = await ReminderTopic.CreateAsync(SimulatorClientConfig(simulator.BaseUri, options.RandomSeed)("us-east-1"),
                cancellationToken: cancellationToken).ConfigureAwait(false);
            var permissions = options.StepPermissions ?? (step => step.Permissions);
            await StepRoles.EnsureAsync(clients.Iam(), account.AccountId, permissions, cancellationToken).ConfigureAwait(false);
            await StepRoleReadiness.WaitAsync(account, StepCatalog.All.Select(step => StepRoles.RoleArn(step, account.AccountId)), clock,
                options.SkipTimeWhenIdle, cancellationToken).ConfigureAwait(false);
            // Like the member StackSet: every member account of the simulated organisation gets the target role.
            await MemberSide.EnsureAsync(account, SimulatorClientConfig(simulator.BaseUri, options.RandomSeed), permissions, clock,
                options.SkipTimeWhenIdle, cancellationToken).ConfigureAwait(false);
            host = new StepHost(step =>
            {
                var credentials = new StepRoleCredentials(account, StepRoles.RoleArn(step, account.AccountId), step.FunctionName);
                AwsClientFactory With(Amazon.Runtime.AWSCredentials session) =>
                    new(region => SimulatorClientConfig(simulator.BaseUri, options.RandomSeed)(region) with { CredentialsProvider = session });
                var aws = With(credentials);
                var targets = new AssumedRoleTargetAccounts(aws, With, MemberSide.LocalExternalId, clock);
                owned.Add(targets);
                owned.Add(aws);
                return new StepServices(aws, idempotency, accountWork, inbox, clock)
                {
                    SmsRoleBoundaryArn = StepRoles.BoundaryArn(account.AccountId),
                    Reminders = new SnsReminderNotifier(aws, topic),
                    TargetAccounts = targets,
                    Permissions = permissions(step),
                };
            });
        }
        var events = new ExecutionEventRelay();
        var engine = await StepFunctionsEngine.OpenAsync(new EngineOptions
        {
            DatabasePath = Path.Combine(options.DataDirectory, "engine.db"),
            Clock = clock,
            SkipTimeWhenIdle = options.SkipTimeWhenIdle,
            SkipWhileAwaitingCallbacks = options.SkipWhileAwaitingHumans,
            Random = random.NextDouble,
            Functions = StepCatalog.All.ToDictionary(step => step.FunctionName, step => Handler(host, step.Name)),
            Events = events,
        }, cancellationToken).ConfigureAwait(false);

        var arn = await EnsureStateMachineAsync(engine, Definition(options.Settings), cancellationToken).ConfigureAwait(false);
        return new LocalDeployment(engine, simulator, clients, [.. owned, clients], options.RandomSeed, clock, inbox, idempotency, accountWork, arn, events);
    }

    private static Func<string, AwsClientConfig> SimulatorClientConfig(Uri simulator, int randomSeed) => region => new AwsClientConfig
    {
        Region = region,
        ServiceUrl = simulator,
        Credentials = new ImmutableCredentials(SimulatorCredentials.AccessKeyId, SimulatorCredentials.SecretAccessKey, null),
        // Client retries sleep on wall-clock time: keep them short; the ASL's Retry (engine time) does the rest.
        Retry = new RetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5), Random = new Random(randomSeed) },
        EnvironmentVariable = _ => null,
    };

    private static InvalidOperationException NoSimulator() =>
        new("This deployment calls real AWS: there is no simulated account.");

    /// <summary>The ASL with every DefinitionSubstitution applied, as CloudFormation would do it.</summary>
    public static string Definition(IReadOnlyDictionary<string, string>? settings = null)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "statemachine", "onboarding.asl.json");
        var values = StepCatalog.LocalSubstitutions(settings);
        return Placeholder().Replace(File.ReadAllText(path), m => values.TryGetValue(m.Groups[1].Value, out var v)
            ? v
            : throw new InvalidOperationException($"No substitution for ${{{m.Groups[1].Value}}}."));
    }

    /// <summary>Starts an onboarding; the execution name is the request id, so submitting the same request twice is one onboarding.</summary>
    public async Task<string> StartOnboardingAsync(OnboardingRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await Engine.StartExecutionAsync(new StartExecutionRequest
        {
            StateMachineArn = StateMachineArn,
            Name = request.RequestId ?? Guid.NewGuid().ToString("N"),
            Input = OnboardingJson.Serialize(request),
        }, cancellationToken).ConfigureAwait(false);
        return response.ExecutionArn!;
    }

    public async Task<OnboardingRun> GetStatusAsync(string executionArn, CancellationToken cancellationToken = default)
    {
        var described = await Engine.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = executionArn }, cancellationToken).ConfigureAwait(false);
        var history = await HistoryAsync(executionArn, cancellationToken).ConfigureAwait(false);
        var current = history.LastOrDefault(e => e.StateEnteredEventDetails?.Name is not null)?.StateEnteredEventDetails?.Name;
        return new OnboardingRun(executionArn, described.Name!, described.Status!, current, described.Error, described.Cause, described.Output,
            described.StartDate, described.StopDate, history.Count);
    }

    public async Task<IReadOnlyList<ExecutionListItem>> ListAsync(string? statusFilter = null, CancellationToken cancellationToken = default)
    {
        var items = new List<ExecutionListItem>();
        string? next = null;
        do
        {
            var page = await Engine.ListExecutionsAsync(new ListExecutionsRequest { StateMachineArn = StateMachineArn, StatusFilter = statusFilter, NextToken = next }, cancellationToken).ConfigureAwait(false);
            items.AddRange(page.Executions ?? []);
            next = page.NextToken;
        }
        while (next is not null);
        return items;
    }

    public async Task<IReadOnlyList<HistoryEvent>> HistoryAsync(string executionArn, CancellationToken cancellationToken = default)
    {
        var events = new List<HistoryEvent>();
        string? next = null;
        do
        {
            var page = await Engine.GetExecutionHistoryAsync(new GetExecutionHistoryRequest { ExecutionArn = executionArn, MaxResults = 1000, NextToken = next }, cancellationToken).ConfigureAwait(false);
            events.AddRange(page.Events ?? []);
            next = page.NextToken;
        }
        while (next is not null);
        return events;
    }

    /// <summary>Cancelling is StopExecution; the pending human tasks of the run are dropped with it.</summary>
    public async Task StopAsync(string executionArn, string cause, CancellationToken cancellationToken = default)
    {
        await Engine.StopExecutionAsync(new StopExecutionRequest { ExecutionArn = executionArn, Error = "OnboardingCancelled", Cause = cause }, cancellationToken).ConfigureAwait(false);
        await Inbox.RemoveForExecutionAsync(executionArn, cancellationToken).ConfigureAwait(false);
    }

    public Task RedriveAsync(string executionArn, CancellationToken cancellationToken = default) =>
        Engine.RedriveExecutionAsync(new RedriveExecutionRequest { ExecutionArn = executionArn }, cancellationToken);

    /// <summary>Runs until every execution has ended or waits for a person (time skips over everything else).</summary>
    public async Task RunUntilIdleAsync(CancellationToken cancellationToken = default)
    {
        await Engine.RunUntilIdleAsync(cancellationToken).ConfigureAwait(false);
        await PruneEndedTasksAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops the pending human tasks of executions that have ended (failed, timed out, stopped elsewhere).</summary>
    public async Task PruneEndedTasksAsync(CancellationToken cancellationToken = default)
    {
        foreach (var arn in (await Inbox.ListPendingAsync(null, cancellationToken).ConfigureAwait(false)).Select(t => t.ExecutionArn).Distinct(StringComparer.Ordinal))
        {
            var status = (await Engine.DescribeExecutionAsync(new DescribeExecutionRequest { ExecutionArn = arn }, cancellationToken).ConfigureAwait(false)).Status;
            if (status != "RUNNING")
            {
                await Inbox.RemoveForExecutionAsync(arn, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Clients acting in a member account of the simulated organisation as the organisation's administrator does: the
    /// local key, through the member's OrganizationAccountAccessRole (AWS Organizations). For what ops read, never for steps.
    /// </summary>
    public IAwsClientFactory AdministratorClients(string memberAccountId)
    {
        var member = Simulator.Members.GetValueOrDefault(memberAccountId)
            ?? throw new ArgumentException($"Account {memberAccountId} is not a member of the simulated organisation.", nameof(memberAccountId));
        return _administered.GetOrAdd(memberAccountId, _ => new Lazy<AwsClientFactory>(() =>
            MemberSide.AdministratorClients(SimulatorClientConfig(SimulatorEndpoint, _randomSeed), _clients, member, "sms-onboarding-ops", Clock))).Value;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var administered in _administered.Values.Where(a => a.IsValueCreated))
        {
            administered.Value.Dispose();
        }
        await Engine.DisposeAsync().ConfigureAwait(false);
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync().ConfigureAwait(false);
        }
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    private static TaskHandler Handler(StepHost host, string stepName) => async (invocation, ct) =>
    {
        try
        {
            var output = await host.InvokeAsync(stepName, invocation.Payload?.ToJsonString() ?? "null", ct).ConfigureAwait(false);
            return JsonNode.Parse(output);
        }
        catch (StepException e)
        {
            throw new TaskFailedException(e.ErrorName, e.Message);
        }
    };

    private static async Task<string> EnsureStateMachineAsync(StepFunctionsEngine engine, string definition, CancellationToken ct)
    {
        var existing = (await engine.ListStateMachinesAsync(new ListStateMachinesRequest(), ct).ConfigureAwait(false)).StateMachines?
            .FirstOrDefault(m => m.Name == StateMachineName);
        if (existing?.StateMachineArn is { } arn)
        {
            await engine.UpdateStateMachineAsync(new UpdateStateMachineRequest { StateMachineArn = arn, Definition = definition }, ct).ConfigureAwait(false);
            return arn;
        }

        var created = await engine.CreateStateMachineAsync(new CreateStateMachineRequest
        {
            Name = StateMachineName,
            Definition = definition,
            RoleArn = StatesRoleArn,
            Type = "STANDARD",
        }, ct).ConfigureAwait(false);
        return created.StateMachineArn!;
    }

    [GeneratedRegex(@"\$\{([A-Za-z0-9]+)\}")]
    private static partial Regex Placeholder();
}

/// <summary>What a person (or the API) wants to know about one onboarding.</summary>
public sealed record OnboardingRun(
    string ExecutionArn,
    string Name,
    string Status,
    string? CurrentStep,
    string? Error,
    string? Cause,
    string? Output,
    DateTime? StartedAt,
    DateTime? StoppedAt,
    int HistoryEvents);
