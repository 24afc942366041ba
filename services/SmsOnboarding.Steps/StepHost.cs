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
        IHumanTaskInbox inbox,
        TimeProvider time,
        string? smsRoleBoundaryArn = null,
        IMetrics? metrics = null,
        IReminderNotifier? reminders = null,
        Uri? uiBaseUrl = null)
    {
        ArgumentNullException.ThrowIfNull(aws);
        var services = new StepServices(aws, store, inbox, time)
        {
            SmsRoleBoundaryArn = smsRoleBoundaryArn,
            Metrics = metrics ?? NoMetrics.Instance,
            Reminders = reminders ?? NoReminderNotifier.Instance,
            UiBaseUrl = uiBaseUrl,
        };
        foreach (var step in StepCatalog.All)
        {
            _steps[step.Name] = step.Bind(services);
        }
    }

    public IReadOnlyCollection<string> Steps => _steps.Keys;

    /// <summary>Runs a step; failures are <see cref="StepException"/> whose ErrorName the ASL matches.</summary>
    public Task<string> InvokeAsync(string stepName, string payloadJson, CancellationToken cancellationToken = default) =>
        _steps.TryGetValue(stepName, out var step)
            ? step(payloadJson, cancellationToken)
            : throw StepException.Failed($"Unknown step '{stepName}'.");
}
