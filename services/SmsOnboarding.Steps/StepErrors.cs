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

    /// <summary>Cognito took the SMS configuration but reports it cannot send with it (SmsConfigurationFailure).</summary>
    public const string SmsConfigurationFailure = "SmsConfigurationFailure";
}
