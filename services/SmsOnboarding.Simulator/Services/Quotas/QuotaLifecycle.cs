using System.Globalization;
using SmsOnboarding.Simulator.Services.Support;
using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator.Services.Quotas;

/// <summary>
/// A quota request goes PENDING → CASE_OPENED (Service Quotas files a Support case) → APPROVED or DENIED,
/// each at a fixed offset from its creation; applied lazily like cases.
/// </summary>
internal static class QuotaLifecycle
{
    public static void AdvanceAll(SimulatedAccount account, DateTimeOffset now)
    {
        foreach (var request in account.QuotaRequests.Where(r => r.IsOpen))
        {
            var openedAt = request.Created.AddHours(request.CaseOpenedAfterHours);
            var decidedAt = request.Created.AddHours(request.Review.DelayHours);
            if (request.Status == "PENDING" && now >= openedAt)
            {
                OpenCase(account, request, openedAt, decidedAt);
            }
            if (request.Status == "CASE_OPENED" && now >= decidedAt)
            {
                request.Status = request.Review.Approve ? "APPROVED" : "DENIED";
                request.LastUpdated = decidedAt;
                if (request.Review.Approve)
                {
                    Apply(account, request);
                }
            }
        }
    }

    private static void OpenCase(SimulatedAccount account, QuotaRequest request, DateTimeOffset openedAt, DateTimeOffset decidedAt)
    {
        var quota = request.Quota;
        var body = $"Service: {quota.ServiceName}\nQuota name: {quota.QuotaName}\nQuota code: {quota.QuotaCode}\nRegion: {request.Region}\n" +
                   $"New quota value: {request.DesiredValue.ToString(CultureInfo.InvariantCulture)}\nThis request was submitted through Service Quotas (request {request.Id}).";
        var supportCase = CaseLifecycle.Open(account, $"Quota increase: {quota.QuotaName}", body, "service-limit-increase", "general-limits", "low", "en", [],
            openedAt, [new CaseRequest(CaseRequestKind.QuotaIncrease, request.Region, (decimal)request.DesiredValue)], request.Review);
        // The case is decided together with the quota request, not after another full review.
        supportCase.Next = new ScheduledCaseStep(CaseStep.Decide, decidedAt);
        request.CaseId = supportCase.CaseId;
        request.Status = "CASE_OPENED";
        request.LastUpdated = openedAt;
    }

    private static void Apply(SimulatedAccount account, QuotaRequest request)
    {
        if (request.Quota.IsSmsSpendQuota)
        {
            var sms = account.Sms(request.Region);
            sms.ApprovedSpendQuotaUsd = Math.Max(sms.ApprovedSpendQuotaUsd, (decimal)request.DesiredValue);
        }
        else if (request.Quota.IsSmsProductionAccess)
        {
            // The sandbox is shared by SNS and End User Messaging (AWS-FACTS B.1): leaving it in one leaves both.
            account.Sms(request.Region).InSandbox = false;
        }
        else
        {
            account.QuotaValues[(request.Region, request.Quota.QuotaCode)] = request.DesiredValue;
        }
    }
}
