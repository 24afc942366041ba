using SmsOnboarding.Steps.Contracts;

namespace SmsOnboarding.Steps.SendTestMessage;

/// <summary>Proves the setup with one SMS to a verified number.</summary>
public static class SendTestMessageStep
{
    public const string Name = "SendTestMessage";

    public static StepDescriptor Descriptor { get; } = new StepDescriptor<StepInput, TestMessageResult>(
        Name,
        contractVersion: 1,
        StateRole.Finalizing,
        options => new SendTestMessageJson(options),
        s => new SendTestMessageHandler(s.Aws, s.Idempotency, s.Time),
        StepGrants.Any("sns:Publish", "sns:ListSMSSandboxPhoneNumbers", "sns:GetSMSSandboxAccountStatus"));
}
