using SmsOnboarding.Steps.Cases;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.Handlers;

namespace SmsOnboarding.Steps.OpenCase;

public sealed class OpenCaseHandler(CaseRouter router) : IStepHandler<CaseInput, CaseState>
{
    public Task<CaseState> HandleAsync(CaseInput input, CancellationToken cancellationToken = default) =>
        router.OpenAsync(input, cancellationToken);
}
