namespace SmsOnboarding.Aws.Runtime;

public enum AwsProtocol
{
    Json10,
    Json11,
    Query,
}

/// <summary>Wire facts of one service (botocore metadata + endpoint rule sets).</summary>
public sealed record AwsService(
    string ServiceName,
    string EndpointPrefix,
    string SigningName,
    string EnvironmentId,
    AwsProtocol Protocol,
    string ApiVersion,
    string? TargetPrefix = null,
    string? XmlNamespace = null,
    bool Global = false)
{
    public static AwsService Sns { get; } = new("SNS", "sns", "sns", "SNS", AwsProtocol.Query, "2010-03-31",
        XmlNamespace: "http://sns.amazonaws.com/doc/2010-03-31/");

    public static AwsService StepFunctions { get; } = new("SFN", "states", "states", "SFN", AwsProtocol.Json10, "2016-11-23",
        TargetPrefix: "AWSStepFunctions");

    public static AwsService CognitoIdentityProvider { get; } = new("Cognito Identity Provider", "cognito-idp", "cognito-idp",
        "COGNITO_IDENTITY_PROVIDER", AwsProtocol.Json11, "2016-04-18", TargetPrefix: "AWSCognitoIdentityProviderService");

    /// <summary>Support has one endpoint per partition (us-east-1 in aws), whatever the client's region.</summary>
    public static AwsService Support { get; } = new("Support", "support", "support", "SUPPORT", AwsProtocol.Json11, "2013-04-15",
        TargetPrefix: "AWSSupport_20130415", Global: true);

    public static AwsService ServiceQuotas { get; } = new("Service Quotas", "servicequotas", "servicequotas", "SERVICE_QUOTAS",
        AwsProtocol.Json11, "2019-06-24", TargetPrefix: "ServiceQuotasV20190624");

    public static AwsService PinpointSmsVoiceV2 { get; } = new("Pinpoint SMS Voice V2", "sms-voice", "sms-voice",
        "PINPOINT_SMS_VOICE_V2", AwsProtocol.Json10, "2022-03-31", TargetPrefix: "PinpointSMSVoiceV2");

    public static AwsService Sts { get; } = new("STS", "sts", "sts", "STS", AwsProtocol.Query, "2011-06-15",
        XmlNamespace: "https://sts.amazonaws.com/doc/2011-06-15/");

    /// <summary>IAM is global: iam.amazonaws.com, signed for us-east-1.</summary>
    public static AwsService Iam { get; } = new("IAM", "iam", "iam", "IAM", AwsProtocol.Query, "2010-05-08",
        XmlNamespace: "https://iam.amazonaws.com/doc/2010-05-08/", Global: true);

    public string JsonContentType => Protocol == AwsProtocol.Json10 ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1";
}
