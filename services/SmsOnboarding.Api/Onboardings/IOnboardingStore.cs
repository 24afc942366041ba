using SmsOnboarding.Domain.Lifecycle;

namespace SmsOnboarding.Api.Onboardings;

public interface IOnboardingStore
{
    /// <summary>Inserts the record; when its request id is taken, answers the record that holds it instead.</summary>
    Task<(OnboardingRecord Record, bool Created)> AddAsync(OnboardingRecord record, CancellationToken cancellationToken);

    Task<OnboardingRecord?> GetAsync(string id, CancellationToken cancellationToken);

    Task<OnboardingPage> QueryAsync(OnboardingQuery query, CancellationToken cancellationToken);

    /// <summary>Every record not in a terminal status (reconciled with its execution at startup).</summary>
    Task<IReadOnlyList<OnboardingRecord>> ActiveAsync(CancellationToken cancellationToken);

    /// <summary>Records the execution that runs the onboarding (the status is the lifecycle's business, not this call's).</summary>
    Task AttachExecutionAsync(string id, string executionArn, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the status the lifecycle chose from <paramref name="from"/>, only if the record is still in
    /// <paramref name="from"/>: false when another change got there first (read again and let the lifecycle decide).
    /// </summary>
    Task<bool> TransitionAsync(string id, OnboardingStatus from, OnboardingStatus to, string? failure, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Writes progress folded from execution events, only if it is newer than what the record reflects (its version)
    /// and the record is still in <paramref name="seen"/>: false otherwise (a repeat, a late event, or a race lost).
    /// </summary>
    Task<bool> ApplyProgressAsync(string id, OnboardingStatus seen, OnboardingProgress progress, DateTimeOffset at, CancellationToken cancellationToken);
}
