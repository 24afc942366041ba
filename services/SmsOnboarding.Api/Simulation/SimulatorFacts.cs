using SmsOnboarding.Domain.Planning;
using SmsOnboarding.Domain.Requests;
using SmsOnboarding.Simulator;

namespace SmsOnboarding.Api.Simulation;

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

/// <summary>Reads the simulated account directly: sandbox membership and approved spend in the SNS Region.</summary>
public sealed class SimulatorFacts(SimulatedAccount account) : IFactsProbe
{
    public Task<ObservedFacts> ObserveAsync(OnboardingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var region = request.ResolvedSnsRegion;
        return Task.FromResult(new ObservedFacts(
            InSandbox: account.IsInSandbox(region),
            ApprovedSpendQuotaUsd: account.ApprovedSpendQuotaUsd(region)));
    }
}
