namespace SmsOnboarding.Steps.Reminders;

/// <summary>
/// What RegisterHumanTask reports about a reminder in its result (visible in the execution history as the
/// TaskSubmitted output): "sent:&lt;message id&gt;", "failed:&lt;why&gt;" or "notConfigured". Null on a first registration.
/// </summary>
public static class ReminderOutcomes
{
    public const string Sent = "sent:";
    public const string Failed = "failed:";
    public const string NotConfigured = "notConfigured";
}
