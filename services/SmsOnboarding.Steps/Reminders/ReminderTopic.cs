using SmsOnboarding.Aws;
using SmsOnboarding.Aws.Runtime;

namespace SmsOnboarding.Steps.Reminders;

/// <summary>
/// The one SNS topic reminders go to. Its name is fixed so that StepCatalog can grant <c>sns:Publish</c> on exactly
/// it (like the SMS role boundary policy), and so the local composition and the CDK stack create the same topic.
/// </summary>
public static class ReminderTopic
{
    public const string Name = "sms-onboarding-reminders";

    /// <summary>Set by the CDK stack on the RegisterHumanTask function.</summary>
    public const string ArnVariable = "SMS_ONBOARDING_REMINDER_TOPIC_ARN";

    /// <summary>Optional base URL of the web UI; reminders then link to the onboarding's page.</summary>
    public const string UiUrlVariable = "SMS_ONBOARDING_UI_URL";

    /// <summary>The catalog form of the topic's ARN (tokens filled by the stack).</summary>
    public const string CatalogArn = "arn:{partition}:sns:{region}:{account}:" + Name;

    private static readonly AwsOperation CreateTopic = new("CreateTopic", Idempotent: true);

    /// <summary>The Region of an SNS topic ARN (arn:partition:sns:region:account:name); a clear error for anything else.</summary>
    public static string RegionOf(string topicArn)
    {
        var parts = topicArn?.Split(':') ?? [];
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "sns" || parts[3].Length == 0 || parts[4].Length == 0 || parts[5].Length == 0)
        {
            throw new ArgumentException($"'{topicArn}' is not an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>).", nameof(topicArn));
        }

        return parts[3];
    }

    /// <summary>
    /// CreateTopic (idempotent by name in AWS) in the Region of <paramref name="config"/>; returns the topic ARN. The
    /// generated SNS client has only the operations the steps call, so this one request is written here.
    /// </summary>
    public static async Task<string> CreateAsync(AwsClientConfig config, string name = Name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        using var invoker = new AwsInvoker(AwsService.Sns, config);
        var request = new CreateTopicRequest(name);
        return await invoker.InvokeQueryAsync(
            CreateTopic,
            request,
            w => w.Scalar("Name", request.Name),
            result => result.Elements().FirstOrDefault(e => e.Name.LocalName == "TopicArn")?.Value
                ?? throw new InvalidOperationException("CreateTopic answered without a TopicArn."),
            cancellationToken).ConfigureAwait(false);
    }

    private sealed record CreateTopicRequest(string Name) : IAwsRequest
    {
        public IEnumerable<string> MissingRequiredMembers() => string.IsNullOrEmpty(Name) ? ["Name"] : [];
    }
}
