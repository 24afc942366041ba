using SmsOnboarding.Steps.AccountWork;
using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.HumanTasks;
using SmsOnboarding.Steps.Idempotency;
using SmsOnboarding.Steps.Metrics;
using SmsOnboarding.Steps.Reminders;
using SmsOnboarding.Steps.TargetAccounts;

namespace SmsOnboarding.Steps;

/// <summary>What a step's descriptor may build its handler from: the ports, time and deployment settings.</summary>
public sealed record StepServices(IAwsClientFactory Aws, IIdempotencyStore Idempotency, IAccountWorkStore AccountWork, IHumanTaskInbox Inbox, TimeProvider Time)
{
    /// <summary>Permissions boundary for SMS roles the workflow creates; none when null.</summary>
    public string? SmsRoleBoundaryArn { get; init; }

    public IMetrics Metrics { get; init; } = NoMetrics.Instance;

    /// <summary>Where reminders about waiting human tasks go (the inbox only, by default).</summary>
    public IReminderNotifier Reminders { get; init; } = NoReminderNotifier.Instance;

    /// <summary>The web UI, for links in reminders; none when null.</summary>
    public Uri? UiBaseUrl { get; init; }

    /// <summary>How the step reaches a team's account; null: it acts only where <see cref="Aws"/> acts.</summary>
    public ITargetAccounts? TargetAccounts { get; init; }

    /// <summary>The step's grants as its deployment gives them (its session policy in a team's account); the descriptor's when null.</summary>
    public IReadOnlyList<IamGrant>? Permissions { get; init; }
}
