using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.Reminders;

namespace SmsOnboarding.Steps.RegisterHumanTask;

/// <summary>Puts a task in the people's inbox and waits (.waitForTaskToken) for their answer, reminding them on each timeout.</summary>
public static class RegisterHumanTaskStep
{
    public const string Name = "RegisterHumanTask";

    public static StepDescriptor Descriptor { get; } = new StepDescriptor<RegisterHumanTaskInput, HumanTaskRegistered>(
        Name,
        contractVersion: 1,
        StateRole.WaitingOnPeople,
        options => new RegisterHumanTaskJson(options),
        s => new RegisterHumanTaskHandler(s.Inbox, s.Time, s.Metrics, s.Idempotency, s.Reminders, s.UiBaseUrl),
        StepGrants.HumanTaskTable,
        new IamGrant(["sns:Publish"], [ReminderTopic.CatalogArn]),
        StepGrants.IdempotencyTable)
    {
        CallbackOutput = ContractJson.HumanAnswer,
    };
}
