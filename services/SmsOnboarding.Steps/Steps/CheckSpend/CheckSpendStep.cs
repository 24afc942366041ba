using SmsOnboarding.Steps.Contracts;

namespace SmsOnboarding.Steps.CheckSpend;

/// <summary>Compares the spend asked for with the limit and the quota AWS approved.</summary>
public static class CheckSpendStep
{
    public const string Name = "CheckSpend";

    public static StepDescriptor Descriptor { get; } = new StepDescriptor<StepInput, SpendCheck>(
        Name,
        contractVersion: 1,
        StateRole.WaitingOnAws,
        options => new CheckSpendJson(options),
        s => new CheckSpendHandler(s.Aws),
        StepGrants.Any("sns:GetSMSAttributes", "sms-voice:DescribeSpendLimits"));
}
