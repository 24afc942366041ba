using SmsOnboarding.Aws.StepFunctions.Model;

namespace SmsOnboarding.Engine;

/// <summary>History events of one execution that one commit made durable, in the order they happened.</summary>
public sealed record CommittedEvents(string ExecutionArn, IReadOnlyList<HistoryEvent> Events);

/// <summary>
/// Port the engine raises after each commit that covers execution and state events, so whoever shows progress
/// follows the run without reading its history. Called on the execution's own thread, one call at a time per
/// execution and in commit order: an implementation hands the events on and returns at once.
/// </summary>
public interface IExecutionEventSink
{
    void Committed(CommittedEvents events);
}
