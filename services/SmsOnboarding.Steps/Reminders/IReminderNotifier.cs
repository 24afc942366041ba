namespace SmsOnboarding.Steps.Reminders;

/// <summary>Tells the people behind a human task that it is still waiting (on AWS: an SNS topic with e-mail subscribers).</summary>
public interface IReminderNotifier
{
    /// <summary>False when nowhere to send is configured: reminders then only re-issue the task in the inbox.</summary>
    bool IsConfigured { get; }

    /// <summary>Sends one reminder and returns the id the channel gave it.</summary>
    /// <exception cref="StepException">Transient for throttling/5xx (the step is retried), Failed otherwise.</exception>
    Task<string> SendAsync(ReminderMessage message, CancellationToken cancellationToken = default);
}

/// <summary>What a person reads: <see cref="Subject"/> fits an SNS e-mail subject (under 100 characters, one line).</summary>
public sealed record ReminderMessage(string Subject, string Body);

/// <summary>No channel configured (a Lambda run by hand, a local stack on real AWS without a topic).</summary>
public sealed class NoReminderNotifier : IReminderNotifier
{
    public static readonly NoReminderNotifier Instance = new();

    private NoReminderNotifier()
    {
    }

    public bool IsConfigured => false;

    public Task<string> SendAsync(ReminderMessage message, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("No reminder channel is configured.");
}
