using SmsOnboarding.Steps.AccountWork;
using SmsOnboarding.Steps.Contracts;

namespace SmsOnboarding.Steps.CheckCase;

/// <summary>One poll of an open case while AWS reviews it.</summary>
public static class CheckCaseStep
{
    public const string Name = "CheckCase";

    public static StepDescriptor Descriptor { get; } = new StepDescriptor<CaseInput, CaseState>(
        Name,
        contractVersion: 1,
        StateRole.WaitingOnAws,
        options => new CheckCaseJson(options),
        s => new CheckCaseHandler(s.Aws, new AccountWorkSharing(s.AccountWork, s.Time), s.Time),
        StepGrants.Any("servicequotas:GetRequestedServiceQuotaChange", "support:DescribeCases", "sns:GetSMSSandboxAccountStatus",
            "sns:ListOriginationNumbers", "sms-voice:DescribeSpendLimits", "sms-voice:DescribePhoneNumbers"),
        StepGrants.IdempotencyTable);
}
