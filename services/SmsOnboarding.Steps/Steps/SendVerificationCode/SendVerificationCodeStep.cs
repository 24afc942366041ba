namespace SmsOnboarding.Steps.SendVerificationCode;

/// <summary>Sends (or re-sends) the sandbox verification code to a destination number.</summary>
public static class SendVerificationCodeStep
{
    public const string Name = "SendVerificationCode";

    public static StepDescriptor Descriptor { get; } = new StepDescriptor<SendCodeInput, CodeSends>(
        Name,
        contractVersion: 1,
        StateRole.Working,
        options => new SendVerificationCodeJson(options),
        s => new SendVerificationCodeHandler(s.Aws, s.Idempotency, s.Time),
        StepGrants.Any("sns:CreateSMSSandboxPhoneNumber", "sns:ListSMSSandboxPhoneNumbers"),
        StepGrants.IdempotencyTable);
}
