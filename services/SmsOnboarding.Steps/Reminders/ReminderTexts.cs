using System.Globalization;
using System.Text;
using SmsOnboarding.Steps.HumanTasks;
using SmsOnboarding.Steps.RegisterHumanTask;

namespace SmsOnboarding.Steps.Reminders;

/// <summary>
/// The reminder a person reads in their mailbox: enough to act without opening anything else (which onboarding,
/// which pool, what to do, by when), and only the masked phone number, since the topic's subscribers are a list.
/// </summary>
public static class ReminderTexts
{
    /// <summary>SNS refuses subjects of 100 characters or more, and any line break or control character.</summary>
    public const int MaxSubjectLength = 99;

    public static ReminderMessage Compose(HumanTask task, RegisterHumanTaskInput input, string instructions, Uri? uiBaseUrl = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(input);
        var pool = input.Pool.UserPoolId;
        // The pool first: a long action is what gets cut, not which pool it is about.
        var subject = Subject($"SMS onboarding of {pool}, reminder {input.Reminder} of {input.MaxReminders}: {Action(task)}");

        var body = new StringBuilder();
        body.AppendLine(CultureInfo.InvariantCulture, $"An SMS onboarding is waiting for a person. This is reminder {input.Reminder} of {input.MaxReminders}.");
        body.AppendLine();
        // The API names each execution after its onboarding id; the request id (when given) is the requester's own name for it.
        var onboarding = task.ExecutionArn[(task.ExecutionArn.LastIndexOf(':') + 1)..];
        var requestId = input.Request.RequestId is { } given && given != onboarding ? $" (request {given})" : string.Empty;
        body.AppendLine(CultureInfo.InvariantCulture, $"Onboarding: {onboarding}{requestId}");
        body.AppendLine(CultureInfo.InvariantCulture, $"User pool:  {pool} ({input.Pool.PoolName}) in {input.Pool.PoolRegion}, SMS from {input.Pool.SnsRegion}");
        body.AppendLine(CultureInfo.InvariantCulture, $"Task:       {KindTitle(task.Kind)}");
        if (task.MaskedPhoneNumber is { } phone)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"Phone:      {phone}");
        }

        if (task.CaseId is { } caseId)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"Case:       {caseId}");
        }

        body.AppendLine(CultureInfo.InvariantCulture, $"Requested by {input.Request.Requester} ({input.Request.Team}).");
        body.AppendLine();
        body.AppendLine(instructions);
        if (task.Kind == HumanTaskKinds.FileSupportCase && task.CaseText is { } caseText)
        {
            body.AppendLine();
            body.AppendLine("Case text to paste:");
            body.AppendLine(caseText);
        }

        body.AppendLine();
        body.AppendLine(CultureInfo.InvariantCulture, $"If nobody answers by {Utc(task.ExpiresAt)}, the onboarding stops with a timeout (an operator can redrive it).");
        body.AppendLine(input.Reminder < input.MaxReminders
            ? $"Next reminder: {Utc(task.RemindAt)}."
            : "This is the last reminder.");
        if (uiBaseUrl is not null)
        {
            var root = uiBaseUrl.ToString().TrimEnd('/');
            body.AppendLine();
            body.AppendLine(CultureInfo.InvariantCulture, $"Open the onboarding: {root}/#/o/{Uri.EscapeDataString(onboarding)}");
            body.AppendLine(CultureInfo.InvariantCulture, $"All waiting tasks:   {root}/#/inbox");
        }

        return new ReminderMessage(subject, body.ToString());
    }

    /// <summary>One line, no control characters, under the SNS limit (cut with an ellipsis).</summary>
    public static string Subject(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = new string([.. text.Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
        return line.Length <= MaxSubjectLength ? line : line[..(MaxSubjectLength - 3)].TrimEnd() + "...";
    }

    private static string Action(HumanTask task) => task.Kind switch
    {
        HumanTaskKinds.VerificationCode => $"enter the SMS code sent to {task.MaskedPhoneNumber}",
        HumanTaskKinds.FileSupportCase => $"file an AWS Support case ({task.Need})",
        _ => $"record AWS Support's decision ({task.Need})",
    };

    private static string KindTitle(string kind) => kind switch
    {
        HumanTaskKinds.VerificationCode => "enter a sandbox verification code (verificationCode)",
        HumanTaskKinds.FileSupportCase => "file an AWS Support case by hand (fileSupportCase)",
        _ => "record AWS Support's decision (supportCaseDecision)",
    };

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
