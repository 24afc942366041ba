using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Aws.SimpleNotificationService.Model;
using SmsOnboarding.Steps.Aws;

namespace SmsOnboarding.Steps.Reminders;

/// <summary>Publishes reminders to one SNS topic, in the topic's own Region (SNS publishes only within a Region).</summary>
public sealed class SnsReminderNotifier : IReminderNotifier
{
    private readonly IAwsClientFactory _aws;
    private readonly string _region;

    public SnsReminderNotifier(IAwsClientFactory aws, string topicArn)
    {
        ArgumentNullException.ThrowIfNull(aws);
        _aws = aws;
        TopicArn = topicArn;
        _region = ReminderTopic.RegionOf(topicArn);
    }

    public string TopicArn { get; }

    public bool IsConfigured => true;

    public async Task<string> SendAsync(ReminderMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            var response = await _aws.Sns(_region).PublishAsync(new PublishRequest
            {
                TopicArn = TopicArn,
                Subject = message.Subject,
                Message = message.Body,
            }, cancellationToken).ConfigureAwait(false);
            return response.MessageId ?? throw StepException.Failed($"SNS accepted the reminder for {TopicArn} but returned no MessageId.");
        }
        catch (AwsServiceException e)
        {
            throw AwsCall.ToStepException($"Publishing a reminder to {TopicArn}", e);
        }
    }
}
