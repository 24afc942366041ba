using SmsOnboarding.Steps.Cases;
using SmsOnboarding.Steps.Contracts;

namespace SmsOnboarding.Steps.Handlers;

public sealed class OpenCaseHandler(CaseRouter router) : IStepHandler<CaseInput, CaseState>
{
    public Task<CaseState> HandleAsync(CaseInput input, CancellationToken cancellationToken = default) =>
        router.OpenAsync(input, cancellationToken);
}
