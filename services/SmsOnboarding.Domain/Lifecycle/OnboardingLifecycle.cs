using Stateless;
using Stateless.Graph;

namespace SmsOnboarding.Domain.Lifecycle;

/// <summary>
/// The allowed moves between statuses. Stateless holds no state of its own here: the status lives with the
/// onboarding record and is passed in, so the machine can be rebuilt from storage at any time.
/// Not thread-safe: callers serialise changes to one onboarding.
/// </summary>
public sealed class OnboardingLifecycle
{
    private readonly StateMachine<OnboardingStatus, OnboardingTrigger> _machine;

    public OnboardingLifecycle(OnboardingStatus initial = OnboardingStatus.Submitted)
    {
        Status = initial;
        _machine = new StateMachine<OnboardingStatus, OnboardingTrigger>(() => Status, s => Status = s);
        Configure(_machine);
    }

    public OnboardingStatus Status { get; private set; }

    public bool CanFire(OnboardingTrigger trigger) => _machine.CanFire(trigger);

    /// <summary>Moves to the next status; an impossible move is a programming error, reported with both ends.</summary>
    public OnboardingStatus Fire(OnboardingTrigger trigger)
    {
        if (!_machine.CanFire(trigger))
        {
            throw new InvalidOperationException($"An onboarding that is {Status.ToWire()} cannot take '{trigger}'.");
        }

        _machine.Fire(trigger);
        return Status;
    }

    /// <summary>Fires the trigger if the lifecycle permits it now; otherwise changes nothing and answers false.</summary>
    public bool TryFire(OnboardingTrigger trigger)
    {
        if (!_machine.CanFire(trigger))
        {
            return false;
        }
        _machine.Fire(trigger);
        return true;
    }

    /// <summary>
    /// Moves toward the status an execution shows, by the lifecycle's own triggers: one that is not permitted (a stale
    /// or impossible observation, or anything after a final status) changes nothing. An execution seen only at a later
    /// point still passes its lifecycle in order: a submitted one starts first, a failed one is redriven first (its
    /// execution runs again), and one seen succeeding passes through finalizing.
    /// </summary>
    public OnboardingStatus Follow(OnboardingStatus observed)
    {
        // Each pass fires the direct trigger or the one step before it; three passes cover the longest detour.
        for (var pass = 0; pass < 3 && Status != observed; pass++)
        {
            var trigger = TriggerToward(observed) is { } direct && _machine.CanFire(direct) ? direct : EntryTrigger(observed);
            if (trigger is not { } permitted || !_machine.CanFire(permitted))
            {
                break;
            }
            _machine.Fire(permitted);
        }
        return Status;
    }

    // Nothing leads back to submitted: an execution that shows nothing yet leaves the status as it is.
    private OnboardingTrigger? TriggerToward(OnboardingStatus observed) => observed switch
    {
        OnboardingStatus.Running => Status switch
        {
            OnboardingStatus.Submitted => OnboardingTrigger.Start,
            OnboardingStatus.Failed => OnboardingTrigger.Redrive,
            _ => OnboardingTrigger.Resume,
        },
        OnboardingStatus.WaitingOnAws => OnboardingTrigger.AwaitAws,
        OnboardingStatus.WaitingOnPeople => OnboardingTrigger.AwaitPeople,
        OnboardingStatus.Finalizing => OnboardingTrigger.Finalize,
        OnboardingStatus.Completed => OnboardingTrigger.Complete,
        OnboardingStatus.Failed => OnboardingTrigger.Fail,
        OnboardingStatus.Cancelled => OnboardingTrigger.Cancel,
        _ => null,
    };

    // The step an observation skipped over, when the current status cannot reach it directly.
    private OnboardingTrigger? EntryTrigger(OnboardingStatus observed) => (Status, observed) switch
    {
        (_, OnboardingStatus.Submitted) => null,
        (OnboardingStatus.Submitted, _) => OnboardingTrigger.Start,
        (OnboardingStatus.Failed, _) => OnboardingTrigger.Redrive,
        (_, OnboardingStatus.Completed) => OnboardingTrigger.Finalize,
        _ => null,
    };

    public static string MermaidDiagram() => MermaidGraph.Format(new OnboardingLifecycle()._machine.GetInfo());

    private static void Configure(StateMachine<OnboardingStatus, OnboardingTrigger> m)
    {
        m.Configure(OnboardingStatus.Submitted)
            .Permit(OnboardingTrigger.Start, OnboardingStatus.Running)
            .Permit(OnboardingTrigger.Fail, OnboardingStatus.Failed)
            .Permit(OnboardingTrigger.Cancel, OnboardingStatus.Cancelled);

        ConfigureActive(m, OnboardingStatus.Running)
            .Ignore(OnboardingTrigger.Resume);
        ConfigureActive(m, OnboardingStatus.WaitingOnAws)
            .Permit(OnboardingTrigger.Resume, OnboardingStatus.Running)
            .Ignore(OnboardingTrigger.AwaitAws);
        ConfigureActive(m, OnboardingStatus.WaitingOnPeople)
            .Permit(OnboardingTrigger.Resume, OnboardingStatus.Running)
            .Ignore(OnboardingTrigger.AwaitPeople);

        m.Configure(OnboardingStatus.Finalizing)
            .Permit(OnboardingTrigger.Complete, OnboardingStatus.Completed)
            .Permit(OnboardingTrigger.Fail, OnboardingStatus.Failed)
            .Permit(OnboardingTrigger.Cancel, OnboardingStatus.Cancelled);

        // A failed onboarding can be redriven from the step that failed; completed and cancelled are final.
        m.Configure(OnboardingStatus.Failed)
            .Permit(OnboardingTrigger.Redrive, OnboardingStatus.Running);
        m.Configure(OnboardingStatus.Completed);
        m.Configure(OnboardingStatus.Cancelled);
    }

    private static StateMachine<OnboardingStatus, OnboardingTrigger>.StateConfiguration ConfigureActive(
        StateMachine<OnboardingStatus, OnboardingTrigger> m, OnboardingStatus status)
    {
        var config = m.Configure(status)
            .Permit(OnboardingTrigger.Finalize, OnboardingStatus.Finalizing)
            .Permit(OnboardingTrigger.Fail, OnboardingStatus.Failed)
            .Permit(OnboardingTrigger.Cancel, OnboardingStatus.Cancelled);
        if (status != OnboardingStatus.WaitingOnAws)
        {
            config.Permit(OnboardingTrigger.AwaitAws, OnboardingStatus.WaitingOnAws);
        }

        if (status != OnboardingStatus.WaitingOnPeople)
        {
            config.Permit(OnboardingTrigger.AwaitPeople, OnboardingStatus.WaitingOnPeople);
        }

        return config;
    }
}
