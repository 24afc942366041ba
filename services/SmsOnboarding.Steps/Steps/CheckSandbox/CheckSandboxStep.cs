using SmsOnboarding.Steps.Contracts;

namespace SmsOnboarding.Steps.CheckSandbox;

/// <summary>Asks whether AWS still has the account in the SMS sandbox.</summary>
public static class CheckSandboxStep
{
    public const string Name = "CheckSandbox";

    public static StepDescriptor Descriptor { get; } = new StepDescriptor<StepInput, SandboxStatus>(
        Name,
        contractVersion: 1,
        StateRole.WaitingOnAws,
        options => new CheckSandboxJson(options),
        s => new CheckSandboxHandler(s.Aws),
        StepGrants.Any("sns:GetSMSSandboxAccountStatus"));
}
