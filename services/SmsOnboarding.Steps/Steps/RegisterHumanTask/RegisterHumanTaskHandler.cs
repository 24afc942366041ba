using SmsOnboarding.Domain.Phones;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.Handlers;
using SmsOnboarding.Steps.HumanTasks;
using SmsOnboarding.Steps.Idempotency;
using SmsOnboarding.Steps.Metrics;
using SmsOnboarding.Steps.Privacy;
using SmsOnboarding.Steps.Reminders;

namespace SmsOnboarding.Steps.RegisterHumanTask;

/// <summary>
/// The Lambda behind every .waitForTaskToken state: stores the task (token server-side, id = token hash) so
/// the API can list it. Called again after each timeout with a higher reminder number, which replaces the entry
/// and counts <see cref="StepMetrics.HumanTasksPastReminder"/> for the operators' alarm, and then tells the people
/// through <see cref="IReminderNotifier"/>, once per (execution, slot, reminder number).
/// </summary>
/// <remarks>
/// The inbox entry is written before the reminder goes out: it holds the only live task token, so without it
/// nobody could answer, while a reminder is only a nudge. A throttled publish therefore fails the step as
/// transient after the task is stored; the ASL's Retry runs the step again, which re-stores the task (new
/// token, same slot) and sends the reminder the first attempt could not. A publish AWS refuses for good
/// (topic deleted, permission missing) is recorded and counted instead of failing the onboarding over an e-mail.
/// </remarks>
public sealed class RegisterHumanTaskHandler(
    IHumanTaskInbox inbox,
    TimeProvider time,
    IMetrics metrics,
    IIdempotencyStore store,
    IReminderNotifier notifier,
    Uri? uiBaseUrl = null) : IStepHandler<RegisterHumanTaskInput, HumanTaskRegistered>
{
    public async Task<HumanTaskRegistered> HandleAsync(RegisterHumanTaskInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!HumanTaskKinds.IsKnown(input.Kind))
        {
            throw StepException.Failed($"Unknown human task kind '{input.Kind}'.");
        }

        var now = time.GetUtcNow();
        var interval = TimeSpan.FromSeconds(input.TimeoutSeconds);
        var remaining = Math.Max(0, input.MaxReminders - input.Reminder);
        var task = new HumanTask(
            TaskTokens.Id(input.TaskToken),
            input.Kind,
            input.ExecutionArn,
            input.Request.RequestId ?? input.ExecutionArn[(input.ExecutionArn.LastIndexOf(':') + 1)..],
            StoredSlot(input),
            input.PhoneNumber is null ? null : E164.Mask(input.PhoneNumber),
            ReminderPrefix(input) + Instructions(input),
            now,
            now + interval,
            now + (interval * (remaining + 1)),
            input.Reminder,
            input.Need,
            input.CaseText,
            input.CaseLink,
            input.CaseId);
        await inbox.AddAsync(task, input.TaskToken, cancellationToken).ConfigureAwait(false);
        if (input.Reminder <= 0)
        {
            return new HumanTaskRegistered(task.Id);
        }

        metrics.Count(StepMetrics.HumanTasksPastReminder);
        if (!notifier.IsConfigured)
        {
            return new HumanTaskRegistered(task.Id, ReminderOutcomes.NotConfigured);
        }

        var key = IdempotencyKeys.For(input.ExecutionArn, RegisterHumanTaskStep.Name, $"{task.Slot}#reminder{input.Reminder}");
        var outcome = await store.RunAsync(key, time, Once.NothingToRecover, async () =>
        {
            var message = ReminderTexts.Compose(task, input, Instructions(input), uiBaseUrl);
            try
            {
                return ReminderOutcomes.Sent + await notifier.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (StepException e) when (e.ErrorName != StepErrors.Transient)
            {
                metrics.Count(StepMetrics.HumanRemindersNotSent);
                return ReminderOutcomes.Failed + e.Message;
            }
        }, cancellationToken).ConfigureAwait(false);
        return new HumanTaskRegistered(task.Id, outcome);
    }

    // A verification task's slot is its phone number; the inbox only needs to tell slots apart (PhoneDigest).
    private static string StoredSlot(RegisterHumanTaskInput input) =>
        input.PhoneNumber is { } phone && input.Slot == phone ? PhoneDigest.Of(input.ExecutionArn, phone) : input.Slot;

    private static string ReminderPrefix(RegisterHumanTaskInput input) =>
        input.Reminder > 0 ? $"Reminder {input.Reminder} of {input.MaxReminders}: " : string.Empty;

    private static string Instructions(RegisterHumanTaskInput input)
    {
        var pool = input.Pool.UserPoolId;
        return input.Kind switch
        {
            HumanTaskKinds.VerificationCode =>
                $"Enter the code AWS sent by SMS to {E164.Mask(input.PhoneNumber ?? string.Empty)} (SMS onboarding of {pool})."
                + (input.WrongCodes is > 0 ? $" The last code was wrong ({input.WrongCodes} so far)." : string.Empty)
                + (input.SendLimited == true ? " AWS allows 5 codes per number per 24 hours; no new code can be sent yet." : " You can also ask for a new code."),
            HumanTaskKinds.FixRegistration =>
                $"AWS sent the US registration of {pool} back for updates. {input.CaseText} Edit the answers it names (the registration section, use case, opt-in process or sample messages); a new version is filed and submitted.",
            HumanTaskKinds.FileSupportCase =>
                $"File an AWS Support case ({input.Need}) for {pool}: open {input.CaseLink}, paste the text below, then enter the case id.",
            _ =>
                $"Record AWS Support's decision on case {input.CaseId} ({input.Need}) for {pool}: approved, or not approved with AWS's reason.",
        };
    }
}
