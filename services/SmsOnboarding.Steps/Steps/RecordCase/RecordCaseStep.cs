using SmsOnboarding.Steps.Contracts;

namespace SmsOnboarding.Steps.RecordCase;

/// <summary>Records the case id a person filed by hand.</summary>
public static class RecordCaseStep
{
    public const string Name = "RecordCase";

    public static StepDescriptor Descriptor { get; } = new StepDescriptor<CaseInput, CaseState>(
        Name,
        contractVersion: 1,
        StateRole.Working,
        options => new RecordCaseJson(options),
        _ => new RecordCaseHandler(),
        StepGrants.IdempotencyTable);
}
