using SmsOnboarding.Engine;

namespace SmsOnboarding.Serve.Deployment;

/// <summary>
/// The engine is opened (and resumes executions) before anyone can listen, so it raises its events here and
/// listeners join later. Events raised before a listener joins reach nobody: the listener reconciles what it
/// missed from history when it starts.
/// </summary>
public sealed class ExecutionEventRelay : IExecutionEventSink
{
    private volatile Action<CommittedEvents>[] _listeners = [];

    public void Listen(Action<CommittedEvents> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (this)
        {
            _listeners = [.. _listeners, listener];
        }
    }

    public void Committed(CommittedEvents events)
    {
        foreach (var listener in _listeners)
        {
            listener(events);
        }
    }
}
