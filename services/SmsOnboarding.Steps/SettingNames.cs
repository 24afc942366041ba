namespace SmsOnboarding.Steps;

/// <summary>The ASL's non-function placeholders (DefinitionSubstitutions keys); defaults in StepCatalog.Settings.</summary>
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
