using System.Globalization;
using SmsOnboarding.Domain.Phones;
using SmsOnboarding.Domain.Policies;
using SmsOnboarding.Domain.Regions;
using SmsOnboarding.Domain.Requests;

namespace SmsOnboarding.Domain.Planning;

/// <summary>
/// The dry run: from a request and what is known about the account, the ordered steps the workflow will take.
/// Pure, so the UI, the CLI and the workflow's own first step agree on it.
/// </summary>
public static class OnboardingPlanner
{
    public static OnboardingPlan Plan(OnboardingRequest request, ObservedFacts facts)
    {
        var sns = request.ResolvedSnsRegion;
        var snsName = $"{RegionTable.DisplayName(sns)} ({sns})";
        var steps = new List<PlannedStep>
        {
            new(PlanStepIds.ResolveAccountAndPool, "Resolve the account and the user pool",
                $"The pool {request.UserPoolId} lives in {RegionTable.DisplayName(request.PoolRegion)}; its SMS go through SNS in {snsName}"
                + (request.SnsRegion is null ? " (the default for that Region)." : " (as requested).")),
            new(PlanStepIds.SmsRole, "Create or repair the SMS role",
                $"Cognito needs a role it may assume (trust limited to the account, the pool's ARN and an external id) "
                + $"with sns:Publish: {SmsRolePolicies.RolePath}{SmsRolePolicies.RoleName(request.UserPoolId)}."),
        };

        AddOrigination(request, facts, sns, snsName, steps);
        AddSandboxExit(facts, snsName, steps);
        AddSpend(request, facts, snsName, steps);
        AddSandboxNumbers(request, facts, steps);

        steps.Add(new(PlanStepIds.Finalize, "Finalize the user pool",
            "Copy every current setting of the pool and add SmsConfiguration (role, external id, SNS Region), "
            + "because UpdateUserPool resets whatever it is not given; then read it back to prove nothing else changed."));
        if (request.SandboxNumbers.Count > 0)
        {
            steps.Add(new(PlanStepIds.TestMessage, "Send a test SMS",
                $"Proves the whole path works: one message to {E164.Mask(request.SandboxNumbers[0])}."));
        }

        return new OnboardingPlan(sns, steps);
    }

    private static void AddOrigination(OnboardingRequest request, ObservedFacts facts, string sns, string snsName, List<PlannedStep> steps)
    {
        if (!request.SendsToUnitedStates || request.OriginationType == OriginationType.None || facts.HasOriginationIdentity == true)
        {
            return;
        }

        var check = facts.HasOriginationIdentity is null ? "If no origination identity exists yet in " + snsName + ", " : "No origination identity exists in " + snsName + ": ";
        string how;
        if (request.OriginationType == OriginationType.ShortCode)
        {
            how = "request a short code through a Support case (short codes cannot be requested through the API).";
        }
        else if (RegionTable.RequiresSupportCaseForUsOrigination(sns))
        {
            how = $"open a Support case: in {RegionTable.DisplayName(sns)} US origination identities are only issued that way.";
        }
        else
        {
            var kind = request.OriginationType == OriginationType.TenDlc ? "10DLC" : "toll-free";
            how = $"register a {kind} number with AWS End User Messaging SMS, request it and wait until it is active.";
        }

        steps.Add(new(PlanStepIds.OriginationIdentity, "Get an origination identity for US numbers",
            check + how + " US carriers have required one since June 2021."));
    }

    private static void AddSandboxExit(ObservedFacts facts, string snsName, List<PlannedStep> steps)
    {
        if (facts.InSandbox == false)
        {
            return;
        }

        var reason = facts.InSandbox == true
            ? $"The account is in the SMS sandbox in {snsName}: SMS reach only verified numbers until AWS grants production access."
            : $"Check the SMS sandbox in {snsName}; if the account is in it, request production access and wait for it.";
        steps.Add(new(PlanStepIds.SandboxExit, "Leave the SMS sandbox", reason));
    }

    private static void AddSpend(OnboardingRequest request, ObservedFacts facts, string snsName, List<PlannedStep> steps)
    {
        var wanted = Money(request.MonthlySpendUsd);
        if (facts.SpendLimitUsd is { } limit && limit >= request.MonthlySpendUsd)
        {
            return;
        }

        string reason;
        if (facts.ApprovedSpendQuotaUsd is { } quota && quota >= request.MonthlySpendUsd)
        {
            reason = $"The approved quota ({Money(quota)}) already covers {wanted}; set MonthlySpendLimit to {wanted} in {snsName}, which AWS does not do by itself.";
        }
        else
        {
            var current = facts.ApprovedSpendQuotaUsd is { } q ? $"The approved monthly spend is {Money(q)}" : "New accounts start at $1.00 a month";
            reason = $"{current}; request {wanted} in {snsName}, wait for approval, then set MonthlySpendLimit (AWS does not) and read it back.";
        }

        steps.Add(new(PlanStepIds.SpendIncrease, "Raise the SMS monthly spend limit", reason));
    }

    private static void AddSandboxNumbers(OnboardingRequest request, ObservedFacts facts, List<PlannedStep> steps)
    {
        if (facts.InSandbox == false || request.SandboxNumbers.Count == 0)
        {
            return;
        }

        var masked = string.Join(", ", request.SandboxNumbers.Select(E164.Mask));
        steps.Add(new(PlanStepIds.SandboxNumbers, "Verify sandbox destination numbers",
            $"While in the sandbox only verified numbers receive SMS: {request.SandboxNumbers.Count} number(s) ({masked}) each get a code "
            + "that an approver reads off the phone and types in."));
    }

    private static string Money(decimal amount) => amount.ToString("$#,0.00", CultureInfo.InvariantCulture);
}
