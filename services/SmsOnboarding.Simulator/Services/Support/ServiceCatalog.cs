namespace SmsOnboarding.Simulator.Services.Support;

/// <summary>What DescribeServices returns: the services and categories a case can be filed under.</summary>
internal static class ServiceCatalog
{
    public sealed record Category(string Code, string Name);
    public sealed record SupportService(string Code, string Name, IReadOnlyList<Category> Categories);

    public static readonly IReadOnlyList<SupportService> Services =
    [
        new("service-limit-increase", "Service Limit Increase",
        [
            new("sns-text-messaging", "SNS Text Messaging"),
            new("service-limit-increase-sms-pinpoint", "Pinpoint SMS"),
            new("end-user-messaging-sms", "End User Messaging SMS"),
            new("cognito-user-pools", "Cognito User Pools"),
            new("general-limits", "General Limits"),
        ]),
        new("amazon-simple-notification-service", "Amazon Simple Notification Service (SNS)",
        [
            new("general-guidance", "General Guidance"),
            new("sms", "SMS"),
            new("other", "Other"),
        ]),
        new("amazon-pinpoint", "Amazon Pinpoint",
        [
            new("general-guidance", "General Guidance"),
            new("sms-channel", "SMS Channel"),
        ]),
        new("amazon-cognito", "Amazon Cognito",
        [
            new("general-guidance", "General Guidance"),
            new("user-pools", "User Pools"),
        ]),
        new("customer-account", "Account and Billing",
        [
            new("general-guidance", "General Guidance"),
            new("other-account-issues", "Other Account Issues"),
        ]),
    ];

    /// <summary>Severities a support plan may use (DescribeSeverityLevels by plan).</summary>
    public static IReadOnlyList<string> Severities(Scenarios.SupportPlan plan) => plan switch
    {
        Scenarios.SupportPlan.Enterprise => ["low", "normal", "high", "urgent", "critical"],
        Scenarios.SupportPlan.EnterpriseOnRamp => ["low", "normal", "high", "urgent", "critical"],
        Scenarios.SupportPlan.Business => ["low", "normal", "high", "urgent"],
        _ => ["low", "normal"],
    };
}
