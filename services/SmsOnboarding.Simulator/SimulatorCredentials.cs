namespace SmsOnboarding.Simulator;

/// <summary>The fixed local credentials of the simulated account (documented AWS example keys, never real).</summary>
public static class SimulatorCredentials
{
    public const string AccountId = "111122223333";
    public const string AccessKeyId = "AKIAIOSFODNN7EXAMPLE";
    public const string SecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    public const string UserName = "sms-onboarding-local";
    public const string UserArn = "arn:aws:iam::" + AccountId + ":user/" + UserName;
    public const string UserId = "AIDAJQABLZS4A3QDU576Q";
}
