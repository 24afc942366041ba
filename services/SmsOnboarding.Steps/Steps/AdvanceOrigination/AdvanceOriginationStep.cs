using SmsOnboarding.Steps.Contracts;

namespace SmsOnboarding.Steps.AdvanceOrigination;

/// <summary>Moves an origination registration or number request one step on; AWS provisions and reviews it.</summary>
public static class AdvanceOriginationStep
{
    public const string Name = "AdvanceOrigination";

    public static StepDescriptor Descriptor { get; } = new StepDescriptor<OriginationInput, OriginationProgress>(
        Name,
        contractVersion: 1,
        StateRole.WaitingOnAws,
        options => new AdvanceOriginationJson(options),
        s => new AdvanceOriginationHandler(s.Aws, s.Idempotency, s.Time, s.AccountWork),
        StepGrants.Any("sms-voice:CreateRegistration", "sms-voice:PutRegistrationFieldValue", "sms-voice:CreateRegistrationAssociation", "sms-voice:SubmitRegistrationVersion",
            "sms-voice:DescribeRegistrations", "sms-voice:DescribeRegistrationFieldDefinitions", "sms-voice:CreateRegistrationAttachment",
            "sms-voice:CreateRegistrationVersion", "sms-voice:DescribeRegistrationVersions", "sms-voice:RequestPhoneNumber",
            "sms-voice:DescribePhoneNumbers", "sms-voice:TagResource"),
        StepGrants.IdempotencyTable);
}
