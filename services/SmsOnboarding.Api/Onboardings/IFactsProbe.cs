using SmsOnboarding.Domain.Planning;
using SmsOnboarding.Domain.Requests;

namespace SmsOnboarding.Api.Onboardings;

/// <summary>Observes, for the dry-run plan, what the account already has.</summary>
public interface IFactsProbe
{
    Task<ObservedFacts> ObserveAsync(OnboardingRequest request, CancellationToken cancellationToken);
}

/// <summary>Nothing is observed (real AWS without a probe): the plan lists conditional steps.</summary>
public sealed class UnknownFacts : IFactsProbe
{
    public Task<ObservedFacts> ObserveAsync(OnboardingRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(ObservedFacts.Unknown);
}
