namespace SmsOnboarding.Steps;

public static class StepNames
{
    public const string ResolvePool = nameof(ResolvePool);
    public const string EnsureSmsRole = nameof(EnsureSmsRole);
    public const string FindOriginationIdentity = nameof(FindOriginationIdentity);
    public const string AdvanceOrigination = nameof(AdvanceOrigination);
    public const string CheckSandbox = nameof(CheckSandbox);
    public const string SendVerificationCode = nameof(SendVerificationCode);
    public const string VerifyCode = nameof(VerifyCode);
    public const string RegisterHumanTask = nameof(RegisterHumanTask);
    public const string OpenCase = nameof(OpenCase);
    public const string RecordCase = nameof(RecordCase);
    public const string CheckCase = nameof(CheckCase);
    public const string CheckSpend = nameof(CheckSpend);
    public const string SetSpendLimit = nameof(SetSpendLimit);
    public const string Finalize = nameof(Finalize);
    public const string SendTestMessage = nameof(SendTestMessage);
}

public static class SettingNames
{
    public const string PollInitialSeconds = nameof(PollInitialSeconds);
    public const string PollMaxSeconds = nameof(PollMaxSeconds);
    public const string CaseMaxWaitDays = nameof(CaseMaxWaitDays);
    public const string HumanReminderSeconds = nameof(HumanReminderSeconds);
    public const string HumanMaxReminders = nameof(HumanMaxReminders);
    public const string MaxWrongCodes = nameof(MaxWrongCodes);
    public const string MaxCodeSendsPerDay = nameof(MaxCodeSendsPerDay);
}

/// <summary>Error names the handlers raise; they are also exception class names so a Lambda reports the same errorType.</summary>
public static class StepErrors
{
    /// <summary>Throttling, 5xx, network: the ASL retries it.</summary>
    public const string Transient = "TransientAwsError";

    /// <summary>Something a person must fix; the cause says what.</summary>
    public const string Failed = "OnboardingStepFailed";

    /// <summary>AWS reviewed a request and said no; the cause carries AWS's reason.</summary>
    public const string Denied = "AwsRequestDenied";
}
