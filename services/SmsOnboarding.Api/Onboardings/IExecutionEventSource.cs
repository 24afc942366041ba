namespace SmsOnboarding.Api.Onboardings;

/// <summary>Events of one execution, in order, that its runtime has made durable.</summary>
public sealed record ExecutionUpdate(string ExecutionArn, IReadOnlyList<ExecutionEvent> Events)
{
    /// <summary>The execution name is the onboarding id.</summary>
    public string OnboardingId => ExecutionArn[(ExecutionArn.LastIndexOf(':') + 1)..];
}

/// <summary>
/// Port: a runtime that tells of its executions' events as they happen (the embedded engine, in process). On AWS
/// nothing subscribes: EventBridge delivers Step Functions' status changes to the status handler instead.
/// </summary>
public interface IExecutionEventSource
{
    /// <summary><paramref name="onUpdate"/> is called once per update, in order per execution; it must not block.</summary>
    void Subscribe(Action<ExecutionUpdate> onUpdate);
}
