using SmsOnboarding.Aws.StepFunctions.Model;

namespace SmsOnboarding.Engine.Runtime;

/// <summary>
/// The history events an execution has emitted since its last commit: numbered, linked to the run's previous event,
/// stamped with the engine's clock, and held until the commit that writes them. Enforces Step Functions' event limit.
/// </summary>
internal sealed class ExecutionHistory(ExecutionSnapshot snapshot, TimeProvider clock)
{
    public const int MaxEvents = 25_000;

    public List<HistoryEvent> Pending { get; } = [];

    public long Emit(RunState? run, string type, Action<HistoryEvent>? details = null, bool final = false)
    {
        // The last slot is kept for the ExecutionFailed event that reports the limit.
        if (!final && snapshot.LastEventId >= MaxEvents - 1)
        {
            throw new HistoryLimitException();
        }
        var id = ++snapshot.LastEventId;
        var e = new HistoryEvent
        {
            Id = id,
            Type = type,
            Timestamp = clock.GetUtcNow().UtcDateTime,
            PreviousEventId = run is null ? id - 1 : run.LastEventId,
        };
        details?.Invoke(e);
        Pending.Add(e);
        if (run is not null)
        {
            run.LastEventId = id;
        }
        return id;
    }
}

/// <summary>The execution reached <see cref="ExecutionHistory.MaxEvents"/>: it fails with States.Runtime.</summary>
internal sealed class HistoryLimitException : Exception;
