namespace SmsOnboarding.Steps;

/// <summary>Error names the handlers raise; they are also exception class names so a Lambda reports the same errorType.</summary>
public static class StepErrors
{
    /// <summary>Throttling, 5xx, network: the ASL retries it.</summary>
    public const string Transient = "TransientAwsError";

    /// <summary>Something a person must fix; the cause says what.</summary>
    public const string Failed = "OnboardingStepFailed";

    /// <summary>AWS reviewed a request and said no; the cause carries AWS's reason.</summary>
    public const string Denied = "AwsRequestDenied";

    /// <summary>
    /// Cognito refuses a role this run has just created or changed: IAM changes reach Cognito late, so the ASL retries
    /// for two minutes, the budget Terraform's Cognito provider gives the same two errors (AWS-FACTS-2 §6).
    /// </summary>
    public const string SmsRoleNotYetAssumable = "SmsRoleNotYetAssumable";

    /// <summary>Cognito took the SMS configuration but reports it cannot send with it (SmsConfigurationFailure).</summary>
    public const string SmsConfigurationFailure = "SmsConfigurationFailure";
}
