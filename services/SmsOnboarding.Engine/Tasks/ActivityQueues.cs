using System.Collections.Concurrent;
using SmsOnboarding.Engine.Runtime;

namespace SmsOnboarding.Engine.Tasks;

/// <summary>A scheduled activity task waiting for a worker.</summary>
internal sealed record ActivityWork(Execution Execution, int RunId, int Attempt, string TaskToken, string Input);

/// <summary>Pending activity tasks per activity ARN, handed to GetActivityTask long polls in FIFO order.</summary>
internal sealed class ActivityQueues
{
    private readonly ConcurrentDictionary<string, Queue> _queues = new(StringComparer.Ordinal);

    public void Offer(string activityArn, ActivityWork work) => For(activityArn).Offer(work);

    public Task<ActivityWork?> TakeAsync(string activityArn, TimeSpan wait, TimeProvider clock, CancellationToken cancellationToken) =>
        For(activityArn).TakeAsync(wait, clock, cancellationToken);

    private Queue For(string arn) => _queues.GetOrAdd(arn, _ => new Queue());

    private sealed class Queue
    {
        private readonly Lock _gate = new();
        private readonly LinkedList<ActivityWork> _work = new();
        private readonly LinkedList<TaskCompletionSource<ActivityWork?>> _pollers = new();

        public void Offer(ActivityWork work)
        {
            TaskCompletionSource<ActivityWork?>? poller = null;
            lock (_gate)
            {
                while (_pollers.First is { } first)
                {
                    _pollers.RemoveFirst();
                    if (!first.Value.Task.IsCompleted)
                    {
                        poller = first.Value;
                        break;
                    }
                }
                if (poller is null)
                {
                    _work.AddLast(work);
                    return;
                }
            }
            if (!poller.TrySetResult(work))
            {
                Offer(work);
            }
        }

        public async Task<ActivityWork?> TakeAsync(TimeSpan wait, TimeProvider clock, CancellationToken cancellationToken)
        {
            TaskCompletionSource<ActivityWork?> poller;
            lock (_gate)
            {
                if (_work.First is { } first)
                {
                    _work.RemoveFirst();
                    return first.Value;
                }
                poller = new TaskCompletionSource<ActivityWork?>(TaskCreationOptions.RunContinuationsAsynchronously);
                _pollers.AddLast(poller);
            }
            using var timeout = new CancellationTokenSource(wait, clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            await using var registration = linked.Token.Register(() => poller.TrySetResult(null)).ConfigureAwait(false);
            return await poller.Task.ConfigureAwait(false);
        }
    }
}
