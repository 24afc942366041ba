using SmsOnboarding.Domain.Phones;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.HumanTasks;
using SmsOnboarding.Steps.Metrics;

namespace SmsOnboarding.Steps.Handlers;

/// <summary>
/// The Lambda behind every .waitForTaskToken state: stores the task (token server-side, id = token hash) so
/// the API can list it. Called again after each timeout with a higher reminder number, which replaces the entry:
/// that is the reminder, and it counts <see cref="StepMetrics.HumanTasksPastReminder"/> for the operators' alarm.
/// </summary>
public sealed class RegisterHumanTaskHandler(IHumanTaskInbox inbox, TimeProvider time, IMetrics metrics) : IStepHandler<RegisterHumanTaskInput, HumanTaskRegistered>
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
            input.Slot,
            input.PhoneNumber is null ? null : E164.Mask(input.PhoneNumber),
            Prompt(input),
            now,
            now + interval,
            now + (interval * (remaining + 1)),
            input.Reminder,
            input.Need,
            input.CaseText,
            input.CaseLink,
            input.CaseId);
        await inbox.AddAsync(task, input.TaskToken, cancellationToken).ConfigureAwait(false);
        if (input.Reminder > 0)
        {
            metrics.Count(StepMetrics.HumanTasksPastReminder);
        }

        return new HumanTaskRegistered(task.Id);
    }

    private static string Prompt(RegisterHumanTaskInput input)
    {
        var reminder = input.Reminder > 0 ? $"Reminder {input.Reminder} of {input.MaxReminders}: " : string.Empty;
        var pool = input.Pool.UserPoolId;
        return input.Kind switch
        {
            HumanTaskKinds.VerificationCode =>
                reminder + $"Enter the code AWS sent by SMS to {E164.Mask(input.PhoneNumber ?? string.Empty)} (SMS onboarding of {pool})."
                + (input.WrongCodes is > 0 ? $" The last code was wrong ({input.WrongCodes} so far)." : string.Empty)
                + (input.SendLimited == true ? " AWS allows 5 codes per number per 24 hours; no new code can be sent yet." : " You can also ask for a new code."),
            HumanTaskKinds.FileSupportCase =>
                reminder + $"File an AWS Support case ({input.Need}) for {pool}: open {input.CaseLink}, paste the text below, then enter the case id.",
            _ =>
                reminder + $"Record AWS Support's decision on case {input.CaseId} ({input.Need}) for {pool}: approved, or not approved with AWS's reason.",
        };
    }
}
