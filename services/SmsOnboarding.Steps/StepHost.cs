using SmsOnboarding.Steps.AccountWork;
using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.HumanTasks;
using SmsOnboarding.Steps.Idempotency;
using SmsOnboarding.Steps.Metrics;
using SmsOnboarding.Steps.Reminders;

namespace SmsOnboarding.Steps;

/// <summary>
/// Every step of <see cref="StepCatalog"/> behind one JSON-in, JSON-out call by step name: what the Lambda entry
/// point and the embedded engine both invoke, so the cloud and the local product run the same code with the same payloads.
/// </summary>
public sealed class StepHost
{
    private readonly Dictionary<string, Func<string, CancellationToken, Task<string>>> _steps = new(StringComparer.Ordinal);

    /// <param name="reminders">Where reminders about waiting human tasks go; none (inbox only) when null.</param>
    /// <param name="uiBaseUrl">The web UI, for links in reminders; none when null.</param>
    public StepHost(
        IAwsClientFactory aws,
        IIdempotencyStore store,
        IAccountWorkStore accountWork,
        IHumanTaskInbox inbox,
        TimeProvider time,
        string? smsRoleBoundaryArn = null,
        IMetrics? metrics = null,
        IReminderNotifier? reminders = null,
        Uri? uiBaseUrl = null)
        : this(Shared(new StepServices(aws ?? throw new ArgumentNullException(nameof(aws)), store, accountWork, inbox, time)
        {
            SmsRoleBoundaryArn = smsRoleBoundaryArn,
            Metrics = metrics ?? NoMetrics.Instance,
            Reminders = reminders ?? NoReminderNotifier.Instance,
            UiBaseUrl = uiBaseUrl,
        }))
    {
    }

    /// <summary>Each step with services of its own, as each deployed function has its own role's credentials.</summary>
    public StepHost(Func<StepDescriptor, StepServices> servicesFor)
    {
        ArgumentNullException.ThrowIfNull(servicesFor);
        foreach (var step in StepCatalog.All)
        {
            _steps[step.Name] = step.Bind(servicesFor(step));
        }
    }

    private static Func<StepDescriptor, StepServices> Shared(StepServices services) => _ => services;

    public IReadOnlyCollection<string> Steps => _steps.Keys;

    /// <summary>Runs a step; failures are <see cref="StepException"/> whose ErrorName the ASL matches.</summary>
    public Task<string> InvokeAsync(string stepName, string payloadJson, CancellationToken cancellationToken = default) =>
        _steps.TryGetValue(stepName, out var step)
            ? step(payloadJson, cancellationToken)
            : throw StepException.Failed($"Unknown step '{stepName}'.");
}
