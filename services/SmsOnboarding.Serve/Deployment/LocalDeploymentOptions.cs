using SmsOnboarding.Simulator.Scenarios;

namespace SmsOnboarding.Serve.Deployment;

public sealed class LocalDeploymentOptions
{
    /// <summary>
    /// Engine database, idempotency store, human-task inbox and (simulated) the account (simulator.json) and the clock's
    /// offset (clock.json) live here; reopening it resumes everything.
    /// </summary>
    public required string DataDirectory { get; init; }

    /// <summary>
    /// When set, the step handlers call these endpoints with these credentials (real AWS: Region only, so the default
    /// credential chain and AWS_ENDPOINT_URL* apply) and no simulated account starts; <see cref="Scenario"/> and
    /// <see cref="Account"/> are then ignored.
    /// </summary>
    public Func<string, SmsOnboarding.Aws.Runtime.AwsClientConfig>? RealAws { get; init; }

    /// <summary>
    /// The scenario of a brand-new simulated account (null: the simulator's default). Used only when the data directory
    /// holds no saved account yet; a saved one is resumed as it is.
    /// </summary>
    public SimulatorScenario? Scenario { get; init; }

    /// <summary>
    /// An existing simulated account to keep using (e.g. across an engine restart: the simulator is "AWS" and outlives
    /// the engine). Its clock must be the one given in <see cref="Clock"/>. When set, <see cref="Scenario"/> is ignored.
    /// </summary>
    public SmsOnboarding.Simulator.SimulatedAccount? Account { get; init; }

    /// <summary>
    /// The skipping clock to share with <see cref="Account"/>; null = the one saved in the data directory, or a new one
    /// starting at <see cref="Start"/>.
    /// </summary>
    public SmsOnboarding.Engine.Time.SkippingTimeProvider? Clock { get; init; }

    /// <summary>Where time starts for a new data directory (the clock then skips ahead whenever everything waits on a timer).</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>Jump the clock whenever the engine is idle (tests and demos).</summary>
    public bool SkipTimeWhenIdle { get; init; } = true;

    /// <summary>Also skip while a human task is pending: only when nobody will answer (reminder/timeout scenarios).</summary>
    public bool SkipWhileAwaitingHumans { get; init; }

    /// <summary>Overrides of StepCatalog.Settings (e.g. a shorter reminder interval).</summary>
    public IReadOnlyDictionary<string, string>? Settings { get; init; }

    /// <summary>
    /// What each step's execution role is granted in the simulated account (default: its descriptor's
    /// <c>Permissions</c>, as the CDK stack grants them). Tests take a grant away to prove it is needed.
    /// </summary>
    public Func<SmsOnboarding.Steps.StepDescriptor, IReadOnlyList<SmsOnboarding.Steps.IamGrant>>? StepPermissions { get; init; }

    /// <summary>Seed for retry jitter, so a run is reproducible.</summary>
    public int RandomSeed { get; init; } = 7;
}
