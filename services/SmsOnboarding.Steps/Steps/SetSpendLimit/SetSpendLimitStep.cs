using SmsOnboarding.Steps.Contracts;

namespace SmsOnboarding.Steps.SetSpendLimit;

/// <summary>Raises the account's monthly SMS spend limit within the approved quota.</summary>
public static class SetSpendLimitStep
{
    public const string Name = "SetSpendLimit";

    public static StepDescriptor Descriptor { get; } = new StepDescriptor<StepInput, SpendLimitSet>(
        Name,
        contractVersion: 1,
        StateRole.Working,
        options => new SetSpendLimitJson(options),
        s => new SetSpendLimitHandler(s.Aws),
        StepGrants.Any("sns:SetSMSAttributes", "sns:GetSMSAttributes"));
}
