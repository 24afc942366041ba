using System.Globalization;
using SmsOnboarding.Domain.Regions;
using SmsOnboarding.Domain.Requests;
using SmsOnboarding.Steps.Contracts;

namespace SmsOnboarding.Steps.Cases;

/// <summary>
/// What a case says, in the words of the Support Center's "Service limit increase" form (AWS-FACTS C), so a
/// person can paste it and an AWS agent can act on it. Each text names exactly one need.
/// </summary>
public static class CaseTexts
{
    public const string SupportCenterLink =
        "https://console.aws.amazon.com/support/home#/case/create?issueType=service-limit-increase&limitType=service-code-sns";

    public static string Subject(string need, PoolInfo pool) => need switch
    {
        Needs.SandboxExit => $"SNS Text Messaging: exit SMS sandbox (production access) in {pool.SnsRegion}",
        Needs.SpendIncrease => $"SNS Text Messaging: SMS monthly spend limit increase in {pool.SnsRegion}",
        _ => $"SNS Text Messaging: US origination identity in {pool.SnsRegion}",
    };

    public static string Body(string need, OnboardingRequest request, PoolInfo pool, string reference)
    {
        var lines = new List<string>
        {
            // The sandbox, the spend quota and Support cases belong to an account: the case must be filed from this one.
            $"AWS account: {pool.AccountId}",
            "Limit type: SNS Text Messaging",
            $"Region: {pool.SnsRegion} ({RegionTable.DisplayName(pool.SnsRegion)})",
            "Resource type: General Limits",
        };
        switch (need)
        {
            case Needs.SandboxExit:
                lines.Add("Limit: Exit SMS Sandbox");
                break;
            case Needs.SpendIncrease:
                lines.Add("Limit: Account Spend Threshold Increase");
                lines.Add("New limit value: " + request.MonthlySpendUsd.ToString("0.##", CultureInfo.InvariantCulture) + " USD per month");
                break;
            default:
                lines.Add("Limit: " + (request.OriginationType switch
                {
                    OriginationType.ShortCode => "Dedicated SMS short code",
                    OriginationType.TenDlc => "10DLC number",
                    _ => "Toll-free number",
                }));
                lines.Add("Countries: US");
                lines.Add("New limit value: 1");
                break;
        }

        lines.Add($"Message type: {request.MessageType}");
        lines.Add($"Website or app: {request.WebsiteUrl}");
        lines.Add($"Target countries: {string.Join(", ", request.Countries)}");
        lines.Add($"Use case: {request.UseCase}");
        lines.Add($"How users opt in: {request.OptInProcess}");
        lines.Add("Message templates:");
        lines.AddRange(request.SampleMessages.Select(m => "  - " + m));
        lines.Add($"Amazon Cognito user pool: {pool.UserPoolId} ({pool.PoolName}), team {request.Team}, requested by {request.Requester}.");
        lines.Add($"Reference: {reference}");
        return string.Join('\n', lines);
    }
}
