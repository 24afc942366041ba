using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SmsOnboarding.Api.Onboardings;

/// <summary>
/// Keeps each onboarding's status, open states and failure in step with its execution's events, so list and detail
/// are plain reads of the store. Updates are versioned by history event id: a repeated or late event changes
/// nothing, and a gap (an event lost, say to a crash between commit and delivery) is closed by reading the
/// execution's whole history once (<see cref="ReconcileAsync"/>), as is every unfinished onboarding at startup.
/// </summary>
public sealed class OnboardingStatusFeed(IOnboardingStore store, IOnboardingRuntime runtime, TimeProvider time, ILogger<OnboardingStatusFeed> logger)
    : BackgroundService
{
    private readonly Channel<ExecutionUpdate> _updates = Channel.CreateUnbounded<ExecutionUpdate>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lazy<WorkflowMap> _map = new(() => WorkflowMap.Parse(runtime.DefinitionJson));
    private readonly Lock _gate = new();
    private TaskCompletionSource _settled = NewSettled(done: true);
    private int _pending;

    /// <summary>Queues an update (never blocks the runtime that raises it).</summary>
    public void Publish(ExecutionUpdate update)
    {
        lock (_gate)
        {
            if (_pending++ == 0)
            {
                _settled = NewSettled(done: false);
            }
        }
        _updates.Writer.TryWrite(update);
    }

    /// <summary>Completes when every update published so far is in the store (tests and the benchmark wait on it).</summary>
    public Task SettledAsync()
    {
        lock (_gate)
        {
            return _settled.Task;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (runtime is not IExecutionEventSource source)
        {
            return;
        }
        source.Subscribe(Publish);
        await ReconcileUnfinishedAsync(stoppingToken).ConfigureAwait(false);
        var batch = new List<ExecutionUpdate>();
        while (await _updates.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            while (batch.Count < 512 && _updates.Reader.TryRead(out var update))
            {
                batch.Add(update);
            }
            // One write per onboarding for everything that arrived together, in arrival order.
            foreach (var group in batch.GroupBy(u => u.ExecutionArn, StringComparer.Ordinal))
            {
                try
                {
                    await ApplyAsync(group.Key, [.. group.SelectMany(u => u.Events)], stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Status of execution {ExecutionArn} not updated; the next event or a restart reconciles it", group.Key);
                }
            }
            Done(batch.Count);
            batch.Clear();
        }
    }

    /// <summary>Folds the events into the onboarding's record; a write that lost a race is decided again from what won.</summary>
    public async Task ApplyAsync(string executionArn, IReadOnlyList<ExecutionEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var id = new ExecutionUpdate(executionArn, events).OnboardingId;
        while (await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } record)
        {
            var next = record.Progress.Apply(events, _map.Value);
            if (next is null)
            {
                await ReconcileAsync(record with { ExecutionArn = record.ExecutionArn ?? executionArn }, cancellationToken).ConfigureAwait(false);
                return;
            }
            if (next.Version == record.Version || await store.ApplyProgressAsync(id, record.Status, next, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Rebuilds the record's progress from the execution's whole history (the path for anything missed, and on AWS
    /// for every status change event, which carries no history event id). True when the record was written.
    /// </summary>
    public async Task<bool> ReconcileAsync(OnboardingRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.ExecutionArn is null)
        {
            return false;
        }
        var history = await runtime.HistoryAsync(record.ExecutionArn, cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var rebuilt = new OnboardingProgress(record.Status, [], record.Failure, 0).Apply(history, _map.Value);
            if (rebuilt is null || rebuilt.Version <= record.Version)
            {
                return false;
            }
            if (await store.ApplyProgressAsync(record.Id, record.Status, rebuilt, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
            if (await store.GetAsync(record.Id, cancellationToken).ConfigureAwait(false) is not { } fresh)
            {
                return false;
            }
            record = fresh;
        }
    }

    private async Task ReconcileUnfinishedAsync(CancellationToken cancellationToken)
    {
        foreach (var record in await store.ActiveAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await ReconcileAsync(record, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Onboarding {OnboardingId} not reconciled at startup", record.Id);
            }
        }
    }

    private void Done(int count)
    {
        lock (_gate)
        {
            _pending -= count;
            if (_pending == 0)
            {
                _settled.TrySetResult();
            }
        }
    }

    private static TaskCompletionSource NewSettled(bool done)
    {
        var settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (done)
        {
            settled.TrySetResult();
        }
        return settled;
    }
}
