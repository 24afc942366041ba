using SmsOnboarding.Simulator.Services.Support;

namespace SmsOnboarding.Simulator;

/// <summary>A case as the Support Center shows it once filed: the API's case id and the number people see.</summary>
public sealed record FiledCase(string CaseId, string DisplayId);

public sealed partial class SimulatedAccount
{
    /// <summary>
    /// A person filing a case on the Support Center's Create Case page, the path AWS documents for service limit
    /// increases (the Support API refuses them). Every support plan can file these, so the plan is not checked.
    /// The case is worked like any other and DescribeCases shows it on plans that may call the API.
    /// </summary>
    public FiledCase FileCaseInSupportCenter(string subject, string body)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(body);
        lock (Gate)
        {
            Advance();
            var filed = CaseLifecycle.Open(this, subject, body, "service-limit-increase", null, "low", "en", [], Now);
            SaveChanges();
            return new FiledCase(filed.CaseId, filed.DisplayId);
        }
    }
}
