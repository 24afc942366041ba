using SmsOnboarding.Domain.Lifecycle;

namespace SmsOnboarding.Api.Onboardings;

public interface IOnboardingStore
{
    /// <summary>
    /// Inserts the record; when its request id is taken, answers the record that holds it instead; when another
    /// onboarding of the same pool holds it (<see cref="OnboardingStatusNames.HoldsPool"/>), writes nothing and answers
    /// that one. Atomic: of two concurrent submits for one pool, exactly one is created.
    /// </summary>
    Task<AddOutcome> AddAsync(OnboardingRecord record, CancellationToken cancellationToken);

    /// <summary>The onboarding other than <paramref name="exceptId"/> that holds the pool, if any.</summary>
    Task<OnboardingRecord?> PoolHolderAsync(string pool, string exceptId, CancellationToken cancellationToken);

    Task<OnboardingRecord?> GetAsync(string id, CancellationToken cancellationToken);

    Task<OnboardingPage> QueryAsync(OnboardingQuery query, CancellationToken cancellationToken);

    /// <summary>Onboardings counted by account, SNS Region and status (records from before accounts were kept are left out).</summary>
    Task<IReadOnlyList<AccountRegionCount>> CountByAccountAsync(CancellationToken cancellationToken);

    /// <summary>Every record not in a terminal status (reconciled with its execution at startup).</summary>
    Task<IReadOnlyList<OnboardingRecord>> ActiveAsync(CancellationToken cancellationToken);

    /// <summary>Records the execution that runs the onboarding (the status is the lifecycle's business, not this call's).</summary>
    Task AttachExecutionAsync(string id, string executionArn, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the status the lifecycle chose from <paramref name="from"/>, only if the record is still in
    /// <paramref name="from"/> and, when the move makes it hold its pool again (a redrive), no other onboarding holds
    /// the pool: false otherwise (read again and let the lifecycle decide).
    /// </summary>
    Task<bool> TransitionAsync(string id, OnboardingStatus from, OnboardingStatus to, string? failure, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Writes progress folded from execution events, only if it is newer than what the record reflects (its version)
    /// and the record is still in <paramref name="seen"/>: false otherwise (a repeat, a late event, or a race lost).
    /// </summary>
    Task<bool> ApplyProgressAsync(string id, OnboardingStatus seen, OnboardingProgress progress, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>
/// What an insert did: <see cref="Created"/>, or found the request id's record, or (<see cref="PoolBusy"/>) found the
/// pool held by <see cref="Record"/> and wrote nothing.
/// </summary>
public sealed record AddOutcome(OnboardingRecord Record, bool Created, bool PoolBusy = false)
{
    public void Deconstruct(out OnboardingRecord record, out bool created) => (record, created) = (Record, Created);
}
