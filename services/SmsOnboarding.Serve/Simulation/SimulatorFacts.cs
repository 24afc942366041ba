using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Domain.Planning;
using SmsOnboarding.Domain.Requests;
using SmsOnboarding.Simulator;

namespace SmsOnboarding.Serve.Simulation;

/// <summary>Reads the simulated account directly: the pool, sandbox membership and approved spend in the SNS Region.</summary>
public sealed class SimulatorFacts(SimulatedAccount account) : IFactsProbe
{
    public Task<ObservedFacts> ObserveAsync(OnboardingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var region = request.ResolvedSnsRegion;
        return Task.FromResult(new ObservedFacts(
            InSandbox: account.IsInSandbox(region),
            ApprovedSpendQuotaUsd: account.ApprovedSpendQuotaUsd(region),
            UserPoolExists: account.HasUserPool(request.PoolRegion, request.UserPoolId)));
    }
}
