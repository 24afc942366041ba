using SmsOnboarding.Domain.Lifecycle;

namespace SmsOnboarding.Api.Onboardings;

public interface IOnboardingStore
{
    /// <summary>Inserts the record; when its request id is taken, answers the record that holds it instead.</summary>
    Task<(OnboardingRecord Record, bool Created)> AddAsync(OnboardingRecord record, CancellationToken cancellationToken);

    Task<OnboardingRecord?> GetAsync(string id, CancellationToken cancellationToken);

    Task<OnboardingPage> QueryAsync(OnboardingQuery query, CancellationToken cancellationToken);

    /// <summary>Every record not in a terminal status (to refresh before answering a list).</summary>
    Task<IReadOnlyList<OnboardingRecord>> ActiveAsync(CancellationToken cancellationToken);

    Task UpdateAsync(string id, OnboardingStatus status, string? executionArn, string? failure, DateTimeOffset at, CancellationToken cancellationToken);
}
