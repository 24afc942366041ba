using SmsOnboarding.Steps.Contracts;

namespace SmsOnboarding.Steps.SendTestMessage;

/// <summary>Proves the setup through Cognito: a temporary user invited by SMS to a test number, then deleted.</summary>
public static class SendTestMessageStep
{
    public const string Name = "SendTestMessage";

    public static StepDescriptor Descriptor { get; } = new StepDescriptor<StepInput, TestMessageResult>(
        Name,
        contractVersion: 1,
        StateRole.Finalizing,
        options => new SendTestMessageJson(options),
        s => new SendTestMessageHandler(s.Aws, s.Idempotency, s.Time),
        StepGrants.On(StepGrants.AnyUserPool, "cognito-idp:DescribeUserPool", "cognito-idp:AdminCreateUser", "cognito-idp:AdminDeleteUser"));
}
