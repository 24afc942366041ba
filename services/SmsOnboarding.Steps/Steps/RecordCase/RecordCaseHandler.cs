using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.Handlers;

namespace SmsOnboarding.Steps.RecordCase;

/// <summary>Takes the case id a person filed (the human channel) into the case state that CheckCase watches.</summary>
public sealed class RecordCaseHandler : IStepHandler<CaseInput, CaseState>
{
    public Task<CaseState> HandleAsync(CaseInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var current = input.Case ?? throw StepException.Failed("RecordCase needs the case opened by OpenCase.");
        var caseId = input.Answer?.CaseId;
        if (string.IsNullOrWhiteSpace(caseId))
        {
            throw StepException.Failed("The filing task was completed without a case id.");
        }

        return Task.FromResult(current with { CaseId = caseId.Trim(), Status = "filed" });
    }
}
