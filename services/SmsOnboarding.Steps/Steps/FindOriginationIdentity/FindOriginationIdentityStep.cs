using SmsOnboarding.Steps.Contracts;

namespace SmsOnboarding.Steps.FindOriginationIdentity;

/// <summary>Decides whether US destinations need an origination identity, and whether one can be reused.</summary>
public static class FindOriginationIdentityStep
{
    public const string Name = "FindOriginationIdentity";

    public static StepDescriptor Descriptor { get; } = new StepDescriptor<OriginationInput, OriginationProgress>(
        Name,
        contractVersion: 1,
        StateRole.Working,
        options => new FindOriginationIdentityJson(options),
        s => new FindOriginationIdentityHandler(s.Aws),
        StepGrants.Any("sns:ListOriginationNumbers", "sms-voice:DescribePhoneNumbers"));
}
