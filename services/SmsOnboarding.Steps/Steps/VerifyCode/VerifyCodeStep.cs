namespace SmsOnboarding.Steps.VerifyCode;

/// <summary>Checks the code a person read off the phone.</summary>
public static class VerifyCodeStep
{
    public const string Name = "VerifyCode";

    public static StepDescriptor Descriptor { get; } = new StepDescriptor<VerifyCodeInput, VerificationState>(
        Name,
        contractVersion: 1,
        StateRole.Working,
        options => new VerifyCodeJson(options),
        s => new VerifyCodeHandler(s.Aws),
        StepGrants.Any("sns:VerifySMSSandboxPhoneNumber", "sns:ListSMSSandboxPhoneNumbers"));
}
