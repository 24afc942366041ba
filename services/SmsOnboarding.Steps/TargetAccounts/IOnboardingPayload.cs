using SmsOnboarding.Domain.Requests;

namespace SmsOnboarding.Steps.TargetAccounts;

/// <summary>A step payload that belongs to one onboarding: its request names the account the step acts in.</summary>
public interface IOnboardingPayload
{
    string ExecutionArn { get; }

    OnboardingRequest Request { get; }
}
