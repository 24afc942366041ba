using SmsOnboarding.Simulator.Scenarios;

namespace SmsOnboarding.Local;

public sealed class LocalStackOptions
{
    /// <summary>Engine database, idempotency store and human-task inbox live here; reopening it resumes everything.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The simulated account; null = a brand-new account (the simulator's default scenario).</summary>
    public SimulatorScenario? Scenario { get; init; }

    /// <summary>Where time starts (the clock then skips ahead whenever everything waits on a timer).</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>Jump the clock whenever the engine is idle (tests and demos).</summary>
    public bool SkipTimeWhenIdle { get; init; } = true;

    /// <summary>Also skip while a human task is pending: only when nobody will answer (reminder/timeout scenarios).</summary>
    public bool SkipWhileAwaitingHumans { get; init; }

    /// <summary>Overrides of StepCatalog.Settings (e.g. a shorter reminder interval).</summary>
    public IReadOnlyDictionary<string, string>? Settings { get; init; }

    /// <summary>Seed for retry jitter, so a run is reproducible.</summary>
    public int RandomSeed { get; init; } = 7;
}
