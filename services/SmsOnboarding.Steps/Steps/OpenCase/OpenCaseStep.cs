using SmsOnboarding.Steps.AccountWork;
using SmsOnboarding.Steps.Cases;
using SmsOnboarding.Steps.Contracts;

namespace SmsOnboarding.Steps.OpenCase;

/// <summary>
/// Opens the case for one need (origination, sandbox exit, spend) through the first channel that takes it: Service
/// Quotas, else a person in the Support Center. Never the Support API, which refuses limit increases (decision 0021).
/// </summary>
public static class OpenCaseStep
{
    public const string Name = "OpenCase";

    public static StepDescriptor Descriptor { get; } = new StepDescriptor<CaseInput, CaseState>(
        Name,
        contractVersion: 1,
        StateRole.Working,
        options => new OpenCaseJson(options),
        s => new OpenCaseHandler(new CaseRouter([new ServiceQuotasChannel(s.Aws), new HumanChannel()], s.Idempotency, new AccountWorkSharing(s.AccountWork, s.Time), s.Time)),
        StepGrants.Any("servicequotas:ListServiceQuotas", "servicequotas:RequestServiceQuotaIncrease",
            "servicequotas:ListRequestedServiceQuotaChangeHistoryByQuota"),
        StepGrants.IdempotencyTable);
}
