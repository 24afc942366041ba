using System.Globalization;
using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator.Services.Support;

/// <summary>The wording of AWS Support's replies (modelled on real limit-increase correspondence).</summary>
internal static class CaseReplies
{
    private const string Greeting = "Hello,\n\n";
    private const string Signature = "\n\nWe value your feedback. Please share your experience by rating this correspondence.\n\nBest regards,\nAmazon Web Services";

    public static string AskForInformation(SupportCase supportCase) =>
        Greeting +
        "Thank you for submitting your request. Before we can continue, we need more information about your use case:\n" +
        "- the website or app that sends the messages and the type of messages (one-time passwords, transactional, promotional),\n" +
        "- how your recipients opt in to receive messages,\n" +
        "- sample messages you plan to send.\n\n" +
        $"Please reply to this case ({supportCase.DisplayId}) with these details." + Signature;

    public static string Outcome(CaseRequest request, bool approved, string? number, decimal approvedQuota)
    {
        var region = request.Region;
        return (request.Kind, approved) switch
        {
            (CaseRequestKind.SandboxExit, true) =>
                $"Your account has been moved out of the SMS sandbox in the {region} Region. Your request has been approved: you can now send SMS messages to any phone number.",
            (CaseRequestKind.SandboxExit, false) =>
                $"We're unable to approve your request to move your account out of the SMS sandbox in {region} at this time: the use case and opt-in process you described do not meet our requirements. Your request has been denied.",
            (CaseRequestKind.SpendIncrease, true) =>
                $"Your request for a monthly SMS spend limit increase in {region} has been approved. Your new account spend quota is {approvedQuota.ToString("0.##", CultureInfo.InvariantCulture)} USD. Note: you must also set the new limit yourself (SNS SetSMSAttributes MonthlySpendLimit) for it to take effect.",
            (CaseRequestKind.SpendIncrease, false) when request.AmountUsd is null =>
                $"We couldn't process your spend limit increase request for {region}: it does not state the new limit value in USD. Your request has been denied; please open a new request with the desired monthly spend limit.",
            (CaseRequestKind.SpendIncrease, false) =>
                $"We're unable to approve your request to raise the monthly SMS spend limit in {region} to {request.AmountUsd!.Value.ToString("0.##", CultureInfo.InvariantCulture)} USD at this time. Your request has been denied.",
            (CaseRequestKind.OriginationIdentity, true) =>
                $"Your request for a {Describe(request.NumberType)} in {region} has been approved. The origination identity {number} has been provisioned to your account and is active.",
            (CaseRequestKind.OriginationIdentity, false) =>
                $"We're unable to approve your request for a {Describe(request.NumberType)} in {region} at this time. Your request has been denied.",
            (CaseRequestKind.QuotaIncrease, true) =>
                "Your service quota increase request has been approved. It can take up to 30 minutes for the new quota to appear in your account.",
            _ => "We're unable to approve your service quota increase request at this time. Your request has been denied.",
        };
    }

    public static string Decision(IEnumerable<string> outcomes) =>
        Greeting + "Thank you for your patience while we reviewed your request.\n\n" + string.Join("\n\n", outcomes) + Signature;

    public static string FollowUp(SupportCase supportCase) =>
        Greeting + (supportCase.Decided
            ? "Thank you for your reply. The request in this case has already been processed; see our previous correspondence for the outcome. If you need a different decision, please open a new case with the updated details."
            : "Thank you for contacting AWS Support. To route your request, please let us know which service, Region and limit it concerns (for SMS: SMS sandbox exit, spend limit increase or origination number).")
        + Signature;

    public static string AutoResolved() =>
        Greeting + "We haven't heard back from you, so we're resolving this case. You can reopen it by replying to this case." + Signature;

    private static string Describe(string? numberType) => numberType switch
    {
        "SHORT_CODE" => "dedicated short code",
        "TOLL_FREE" => "toll-free number",
        "TEN_DLC" => "10DLC number",
        _ => "dedicated long code",
    };
}
