using System.Text.Json.Nodes;
using SmsOnboarding.Domain.Lifecycle;
using SmsOnboarding.Steps;

namespace SmsOnboarding.Api.Onboardings;

/// <summary>
/// Where an onboarding stands, as far as its execution's events up to <see cref="Version"/> (a history event id) say.
/// Events are folded in one by one; the status moves only by what the lifecycle permits.
/// </summary>
public sealed record OnboardingProgress(OnboardingStatus Status, IReadOnlyList<OpenState> OpenStates, string? Failure, long Version)
{
    /// <summary>
    /// This progress with <paramref name="events"/> folded in. Events it already reflects (a repeat, or a late
    /// delivery) are skipped; null when the first new event does not follow on from <see cref="Version"/>: one was
    /// lost, and only the whole history can say where the execution stands.
    /// </summary>
    public OnboardingProgress? Apply(IReadOnlyList<ExecutionEvent> events, WorkflowMap map)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(map);
        var open = OpenStates.ToList();
        var failure = Failure;
        var version = Version;
        OnboardingStatus? ended = null;
        foreach (var e in events.Where(e => e.Id > Version))
        {
            if (e.Id != version + 1)
            {
                return null;
            }
            version = e.Id;
            switch (e.Type)
            {
                case var t when t.EndsWith("StateEntered", StringComparison.Ordinal) && e.StateName is not null:
                    open.Add(new OpenState(e.StateName, e.Timestamp));
                    break;
                case var t when t.EndsWith("StateExited", StringComparison.Ordinal) && e.StateName is not null:
                    var at = open.FindLastIndex(s => s.Name == e.StateName);
                    if (at >= 0)
                    {
                        open.RemoveAt(at);
                    }
                    break;
                case "ExecutionSucceeded" or "ExecutionFailed" or "ExecutionTimedOut" or "ExecutionAborted":
                    ended = e.Type switch
                    {
                        "ExecutionSucceeded" => OnboardingStatus.Completed,
                        "ExecutionAborted" => OnboardingStatus.Cancelled,
                        _ => OnboardingStatus.Failed,
                    };
                    failure = ended == OnboardingStatus.Completed ? null : FailureOf(e) ?? failure;
                    open.Clear();
                    break;
                case "ExecutionRedriven":
                    // The redriven run enters its states again.
                    ended = null;
                    failure = null;
                    open.Clear();
                    break;
            }
        }
        if (version == Version)
        {
            return this;
        }
        var observed = ended ?? WhileRunning(open.Select(s => s.Name), map);
        return new OnboardingProgress(new OnboardingLifecycle(Status).Follow(observed), open, failure, version);
    }

    /// <summary>The innermost open state says most: a human wait first, then the deepest (non-container) state.</summary>
    public string? CurrentStep(WorkflowMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var leaves = OpenStates.Where(s => map.States.FirstOrDefault(d => d.Name == s.Name)?.Type is not ("Parallel" or "Map")).ToList();
        return (leaves.FirstOrDefault(s => map.RoleOf(s.Name) == StateRole.WaitingOnPeople) ?? leaves.LastOrDefault() ?? OpenStates.LastOrDefault())?.Name;
    }

    /// <summary>When the current step was entered (its latest entry).</summary>
    public DateTimeOffset? CurrentStepSince(WorkflowMap map) =>
        CurrentStep(map) is { } step ? OpenStates.Last(s => s.Name == step).EnteredAt : null;

    // People block progress the most visibly, so they win over parallel AWS waits.
    private static OnboardingStatus WhileRunning(IEnumerable<string> open, WorkflowMap map)
    {
        var roles = open.Select(map.RoleOf).ToList();
        return roles.Contains(StateRole.WaitingOnPeople) ? OnboardingStatus.WaitingOnPeople
            : roles.Contains(StateRole.Finalizing) ? OnboardingStatus.Finalizing
            : roles.Contains(StateRole.WaitingOnAws) ? OnboardingStatus.WaitingOnAws
            : OnboardingStatus.Running;
    }

    // "Error: cause", from the event's details (executionFailedEventDetails and the like).
    private static string? FailureOf(ExecutionEvent e)
    {
        if (e.Details?.FirstOrDefault(p => p.Key.EndsWith("EventDetails", StringComparison.Ordinal)).Value is not JsonObject details)
        {
            return null;
        }
        var text = $"{(string?)details["error"]}: {(string?)details["cause"]}".Trim(' ', ':');
        return text.Length == 0 ? null : text;
    }
}
