using System.Globalization;
using SmsOnboarding.Simulator.Scenarios;
using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator.Services.Support;

/// <summary>
/// How AWS Support works a case over time. Each case carries its next step and when it is due; steps are
/// applied lazily (in order, at their due time) whenever the account is read, so skipping time just works.
/// </summary>
internal static class CaseLifecycle
{
    public const string AwsAgent = "Amazon Web Services";

    public static SupportCase Open(SimulatedAccount account, string subject, string body, string? serviceCode, string? categoryCode,
        string severity, string language, IReadOnlyList<string> cc, DateTimeOffset now, IReadOnlyList<CaseRequest>? requests = null, ReviewPolicy? quotaReview = null)
    {
        var scenario = account.CurrentScenario;
        requests ??= CaseClassifier.Classify(subject, body);
        var policies = requests.Select(r => r.Kind switch
        {
            CaseRequestKind.SandboxExit => scenario.Reviews.SandboxExit,
            CaseRequestKind.SpendIncrease => scenario.Reviews.SpendIncrease,
            CaseRequestKind.OriginationIdentity => scenario.Reviews.OriginationIdentity,
            _ => quotaReview ?? scenario.Reviews.QuotaIncrease,
        }).ToList();
        var review = policies.Count == 0
            ? new ReviewPolicy(scenario.Reviews.GeneralResponseHours, Approve: false)
            : new ReviewPolicy(policies.Max(p => p.DelayHours), policies.All(p => p.Approve), policies.Any(p => p.AskForMoreInfo));
        var approvals = policies.Select((p, i) => p.Approve && (requests[i].Kind != CaseRequestKind.SpendIncrease || requests[i].AmountUsd is > 0)).ToList();
        var supportCase = new SupportCase
        {
            CaseId = $"case-{account.AccountId}-muen-{now.Year.ToString(CultureInfo.InvariantCulture)}-{account.NewId(16, "0123456789abcdef")}",
            DisplayId = account.NewId(10, "0123456789"),
            Subject = subject,
            ServiceCode = serviceCode,
            CategoryCode = categoryCode,
            SeverityCode = severity,
            Language = language,
            SubmittedBy = SimulatorCredentials.UserArn,
            CcEmailAddresses = cc,
            CreatedAt = now,
            Requests = requests,
            Review = review,
            Approvals = approvals,
        };
        supportCase.Communications.Add(new CaseCommunication(body, SimulatorCredentials.UserArn, now));
        supportCase.Next = requests.Count == 0
            ? new ScheduledCaseStep(CaseStep.FollowUp, now.AddHours(review.DelayHours))
            : new ScheduledCaseStep(review.AskForMoreInfo ? CaseStep.AskForInformation : CaseStep.Decide, now.AddHours(review.DelayHours));
        account.Cases.Add(supportCase);
        return supportCase;
    }

    public static void AdvanceAll(SimulatedAccount account, DateTimeOffset now)
    {
        foreach (var supportCase in account.Cases.ToList())
        {
            Advance(account, supportCase, now);
        }
    }

    public static void CustomerReply(SimulatedAccount account, SupportCase supportCase, string body, DateTimeOffset now)
    {
        var hours = account.CurrentScenario.Reviews.GeneralResponseHours;
        supportCase.Communications.Add(new CaseCommunication(body, SimulatorCredentials.UserArn, now));
        if (supportCase.WaitingForCustomerInformation && !supportCase.Decided)
        {
            supportCase.WaitingForCustomerInformation = false;
            supportCase.Status = "customer-action-completed";
            supportCase.Next = new ScheduledCaseStep(CaseStep.Decide, now.AddHours(supportCase.Review.DelayHours));
        }
        else if (supportCase.Status == "resolved")
        {
            supportCase.Status = "reopened";
            supportCase.Next = new ScheduledCaseStep(CaseStep.FollowUp, now.AddHours(hours));
        }
        else if (supportCase.Status == "pending-customer-action")
        {
            supportCase.Status = "customer-action-completed";
            supportCase.Next = new ScheduledCaseStep(CaseStep.FollowUp, now.AddHours(hours));
        }
    }

    private static void Advance(SimulatedAccount account, SupportCase supportCase, DateTimeOffset now)
    {
        var autoResolve = account.CurrentScenario.Reviews.AutoResolveHours;
        while (supportCase.Next is { } next && next.DueAt <= now)
        {
            var at = next.DueAt;
            supportCase.Next = null;
            switch (next.Step)
            {
                case CaseStep.AskForInformation:
                    Reply(supportCase, at, CaseReplies.AskForInformation(supportCase));
                    supportCase.Status = "pending-customer-action";
                    supportCase.WaitingForCustomerInformation = true;
                    supportCase.Next = new ScheduledCaseStep(CaseStep.AutoResolve, at.AddHours(autoResolve));
                    break;
                case CaseStep.Decide:
                    Decide(account, supportCase, at);
                    if (supportCase.Approvals.All(a => a))
                    {
                        supportCase.Status = "resolved";
                    }
                    else
                    {
                        supportCase.Status = "pending-customer-action";
                        supportCase.Next = new ScheduledCaseStep(CaseStep.AutoResolve, at.AddHours(autoResolve));
                    }
                    break;
                case CaseStep.FollowUp:
                    Reply(supportCase, at, CaseReplies.FollowUp(supportCase));
                    if (supportCase.Decided && supportCase.Approvals.All(a => a))
                    {
                        supportCase.Status = "resolved";
                    }
                    else
                    {
                        supportCase.Status = "pending-customer-action";
                        supportCase.Next = new ScheduledCaseStep(CaseStep.AutoResolve, at.AddHours(autoResolve));
                    }
                    break;
                case CaseStep.AutoResolve:
                    Reply(supportCase, at, CaseReplies.AutoResolved());
                    supportCase.Status = "resolved";
                    supportCase.WaitingForCustomerInformation = false;
                    break;
            }
        }
    }

    private static void Decide(SimulatedAccount account, SupportCase supportCase, DateTimeOffset at)
    {
        supportCase.Decided = true;
        var outcomes = new List<string>();
        for (var i = 0; i < supportCase.Requests.Count; i++)
        {
            var request = supportCase.Requests[i];
            var approved = supportCase.Approvals[i];
            string? number = null;
            if (approved)
            {
                number = Apply(account, request, at);
            }
            outcomes.Add(CaseReplies.Outcome(request, approved, number, account.Sms(request.Region).ApprovedSpendQuotaUsd));
        }
        Reply(supportCase, at, CaseReplies.Decision(outcomes));
    }

    /// <summary>The effect an approval has on the account; returns the provisioned number for origination requests.</summary>
    private static string? Apply(SimulatedAccount account, CaseRequest request, DateTimeOffset at)
    {
        var sms = account.Sms(request.Region);
        switch (request.Kind)
        {
            case CaseRequestKind.SandboxExit:
                sms.InSandbox = false;
                return null;
            case CaseRequestKind.SpendIncrease:
                sms.ApprovedSpendQuotaUsd = Math.Max(sms.ApprovedSpendQuotaUsd, request.AmountUsd ?? 0);
                return null;
            case CaseRequestKind.OriginationIdentity:
                var type = request.NumberType ?? "LONG_CODE";
                var phoneNumber = type switch
                {
                    "SHORT_CODE" => "2" + account.NewId(5, "0123456789"),
                    "TOLL_FREE" => "+18335550" + account.NewId(3, "0123456789"),
                    _ => "+12065550" + account.NewId(3, "0123456789"),
                };
                account.OriginationNumbers.Add(new OriginationNumber
                {
                    Region = request.Region,
                    PhoneNumberId = "phone-" + account.NewId(32, "0123456789abcdef"),
                    PhoneNumber = phoneNumber,
                    NumberType = type,
                    IsoCountryCode = request.IsoCountryCode,
                    MessageType = "TRANSACTIONAL",
                    NumberCapabilities = ["SMS"],
                    CreatedAt = at,
                    ActiveAt = at,
                });
                return phoneNumber;
            default:
                return null;
        }
    }

    private static void Reply(SupportCase supportCase, DateTimeOffset at, string body) =>
        supportCase.Communications.Add(new CaseCommunication(body, AwsAgent, at));
}
