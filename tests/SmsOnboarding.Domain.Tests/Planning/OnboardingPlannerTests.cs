using SmsOnboarding.Domain.Planning;
using SmsOnboarding.Domain.Requests;
using SmsOnboarding.Domain.Tests.Requests;

namespace SmsOnboarding.Domain.Tests.Planning;

public class OnboardingPlannerTests
{
    private static OnboardingRequest Request(Action<System.Text.Json.Nodes.JsonObject>? change = null)
    {
        var json = SampleRequests.Valid();
        change?.Invoke(json);
        var result = OnboardingRequestValidator.Validate(json);
        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        return result.Request!;
    }

    private static string[] Ids(OnboardingPlan plan) => plan.Steps.Select(s => s.Id).ToArray();

    [Fact]
    public void A_new_account_gets_every_step_in_order()
    {
        var plan = OnboardingPlanner.Plan(Request(), ObservedFacts.Unknown);

        Assert.Equal(
            ["resolve-account-and-pool", "sms-role", "origination-identity", "sandbox-exit", "spend-increase", "sandbox-numbers", "finalize", "test-message"],
            Ids(plan));
        Assert.All(plan.Steps, step => Assert.False(string.IsNullOrWhiteSpace(step.Reason)));
    }

    [Fact]
    public void An_account_in_production_with_an_origination_identity_and_enough_spend_takes_the_short_path()
    {
        var facts = new ObservedFacts(InSandbox: false, HasOriginationIdentity: true, SpendLimitUsd: 500, ApprovedSpendQuotaUsd: 500);
        Assert.Equal(["resolve-account-and-pool", "sms-role", "finalize", "test-message"], Ids(OnboardingPlanner.Plan(Request(), facts)));
    }

    [Fact]
    public void Without_us_destinations_no_origination_identity_is_requested() =>
        Assert.DoesNotContain("origination-identity", Ids(OnboardingPlanner.Plan(Request(j => j["countries"] = new System.Text.Json.Nodes.JsonArray("GB")), ObservedFacts.Unknown)));

    [Fact]
    public void In_ohio_the_origination_identity_comes_from_a_support_case()
    {
        var plan = OnboardingPlanner.Plan(Request(j => j["userPoolId"] = "us-east-2_Ohio1"), ObservedFacts.Unknown);
        Assert.Contains("Support case", plan.Steps.Single(s => s.Id == "origination-identity").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Ohio_pools_sending_through_virginia_register_a_number_instead()
    {
        var plan = OnboardingPlanner.Plan(Request(j => { j["userPoolId"] = "us-east-2_Ohio1"; j["snsRegion"] = "us-east-1"; }), ObservedFacts.Unknown);
        Assert.Equal("us-east-1", plan.SnsRegion);
        Assert.Contains("toll-free", plan.Steps.Single(s => s.Id == "origination-identity").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Short_codes_always_need_a_support_case()
    {
        var plan = OnboardingPlanner.Plan(Request(j => j["originationType"] = "ShortCode"), ObservedFacts.Unknown);
        Assert.Contains("short code through a Support case", plan.Steps.Single(s => s.Id == "origination-identity").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_seoul_pool_plans_against_tokyo()
    {
        var plan = OnboardingPlanner.Plan(Request(j => j["userPoolId"] = "ap-northeast-2_Seoul1"), ObservedFacts.Unknown);
        Assert.Equal("ap-northeast-1", plan.SnsRegion);
        Assert.Contains("Asia Pacific (Tokyo)", plan.Steps[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_approved_quota_only_needs_the_limit_set()
    {
        var plan = OnboardingPlanner.Plan(Request(), new ObservedFacts(SpendLimitUsd: 1, ApprovedSpendQuotaUsd: 1000));
        Assert.Contains("set MonthlySpendLimit to $250.00", plan.Steps.Single(s => s.Id == "spend-increase").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Sandbox_numbers_are_masked_in_the_plan()
    {
        var reason = OnboardingPlanner.Plan(Request(), ObservedFacts.Unknown).Steps.Single(s => s.Id == "sandbox-numbers").Reason;
        Assert.Contains("+1******0101", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("2065550101", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_of_the_sandbox_no_numbers_are_verified() =>
        Assert.DoesNotContain("sandbox-numbers", Ids(OnboardingPlanner.Plan(Request(), new ObservedFacts(InSandbox: false))));
}
