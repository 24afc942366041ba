using SmsOnboarding.Domain.Phones;

namespace SmsOnboarding.Domain.Requests;

/// <summary>
/// The one list of the onboarding request's fields, in the order forms show them. The validator reads its
/// limits from here; <see cref="RequestSchema"/> publishes it; the CLI and the web UI build their inputs from it.
/// </summary>
public static class RequestFields
{
    // Constants, so the validator's compiled regular expressions are these very patterns.
    public const string PrincipalPattern = "^[A-Za-z0-9._@+-]+$";
    public const string RequestIdPattern = "^[A-Za-z0-9_-]+$";
    public const string UserPoolIdPattern = @"^[\w-]+_[0-9a-zA-Z]+$";
    public const string AccountIdPattern = "^[0-9]{12}$";

    public static RequestField RequestId { get; } = new("requestId", "request-id", "Request id", FieldKind.Text, false,
        "Idempotency key: submitting the same id again is the same onboarding.")
    { MaxLength = 80, Pattern = RequestIdPattern, Example = "checkout-sms-2026-11" };

    public static RequestField UserPoolId { get; } = new("userPoolId", "pool", "User pool id", FieldKind.Text, true,
        "The Cognito user pool that gets SMS: its Region, '_', its id.")
    { MaxLength = 55, Pattern = UserPoolIdPattern, Example = "us-east-1_AbC123" };

    public static RequestField AccountId { get; } = new("accountId", "account", "AWS account id", FieldKind.Text, false,
        "12-digit account of the pool (default: the account the service runs in).")
    { MaxLength = 12 + 8, Pattern = AccountIdPattern, Example = "111122223333" };

    public static RequestField SnsRegion { get; } = new("snsRegion", "sns-region", "SNS Region", FieldKind.Text, false,
        "Region whose SNS sends the pool's SMS (default: from the Cognito to SNS Region table).")
    { MaxLength = 32, Example = "us-east-1" };

    public static RequestField Countries { get; } = new("countries", "country", "Destination countries", FieldKind.TextList, true,
        "ISO 3166 alpha-2 codes of the countries the SMS go to.")
    { MaxLength = 2, MinItems = 1, MaxItems = 250, Example = "US, CA" };

    public static RequestField MonthlySpendUsd { get; } = new("monthlySpendUsd", "monthly-spend", "Monthly SMS spend (USD)", FieldKind.Number, true,
        "Expected monthly SMS spend in whole US dollars: the spend quota AWS approves (MaxLimit) is a whole number.")
    { ExclusiveMinimum = 0m, Maximum = 1_000_000m, WholeNumber = true, Example = "40" };

    public static RequestField MessageType { get; } = new("messageType", "message-type", "Message type", FieldKind.Choice, true,
        "What kind of SMS the pool sends.")
    { Choices = Enum.GetNames<MessageType>(), MaxLength = 64 };

    public static RequestField OriginationType { get; } = new("originationType", "origination-type", "US origination type", FieldKind.Choice, false,
        "The origination identity for US numbers; None only when no destination is in the US.")
    { Choices = Enum.GetNames<OriginationType>(), Default = nameof(Requests.OriginationType.TollFree), MaxLength = 64 };

    public static RequestField UseCase { get; } = new("useCase", "use-case", "Use case", FieldKind.Text, true,
        "What the SMS are for; AWS reviews this.")
    { MaxLength = 4000, Multiline = true };

    public static RequestField WebsiteUrl { get; } = new("websiteUrl", "website", "Website URL", FieldKind.Text, true,
        "Absolute http(s) URL of the product that sends the SMS.")
    { MaxLength = 2048, Format = "uri", Example = "https://checkout.example.com" };

    public static RequestField OptInProcess { get; } = new("optInProcess", "opt-in", "Opt-in process", FieldKind.Text, true,
        "How users agree to receive SMS.")
    { MaxLength = 2000, Multiline = true };

    public static RequestField SampleMessages { get; } = new("sampleMessages", "sample-message", "Sample messages", FieldKind.TextList, true,
        "Messages as users will see them.")
    { MaxLength = 1600, Multiline = true, MinItems = 1, MaxItems = 5, Example = "Your code is {####}" };

    public static RequestField SandboxNumbers { get; } = new("sandboxNumbers", "sandbox-number", "Sandbox test numbers", FieldKind.TextList, false,
        "Phone numbers (E.164) to verify while the account is in the SMS sandbox.")
    { MaxLength = E164.MaxInputLength, MaxItems = 10, Example = "+12065550101" };

    public static RequestField Requester { get; } = new("requester", "requester", "Requester", FieldKind.Text, true,
        "Who asks: a user name or e-mail address.")
    { Pattern = PrincipalPattern };

    public static RequestField Approvers { get; } = new("approvers", "approver", "Approvers", FieldKind.TextList, true,
        "Who completes the human steps; never the requester.")
    { Pattern = PrincipalPattern, MinItems = 1, MaxItems = 20, Example = "bob" };

    public static RequestField Team { get; } = new("team", "team", "Team", FieldKind.Text, true,
        "The requesting team.")
    { Example = "checkout" };

    public static IReadOnlyList<RequestField> All { get; } =
    [
        RequestId, UserPoolId, AccountId, SnsRegion, Countries, MonthlySpendUsd, MessageType, OriginationType, UseCase,
        WebsiteUrl, OptInProcess, SampleMessages, SandboxNumbers, Requester, Approvers, Team, RegistrationFields.Section,
    ];

    public static RequestField? Find(string name) => All.FirstOrDefault(f => f.Name == name);
}
