using SmsOnboarding.Aws.SimpleNotificationService.Model;
using SmsOnboarding.Domain.Phones;
using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.Handlers;
using SmsOnboarding.Steps.Idempotency;

namespace SmsOnboarding.Steps.SendTestMessage;

/// <summary>Proves SMS leaves the SNS Region: one message to a verified number, sent once per execution.</summary>
public sealed class SendTestMessageHandler(IAwsClientFactory aws, IIdempotencyStore store, TimeProvider time) : IStepHandler<StepInput, TestMessageResult>
{
    public async Task<TestMessageResult> HandleAsync(StepInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var region = input.Pool.SnsRegion;
        if (input.Request.SandboxNumbers.Count == 0)
        {
            return new TestMessageResult(false, null, null, "The request lists no test number.");
        }

        var to = input.Request.SandboxNumbers[0];
        if (await SmsFacts.InSandboxAsync(aws, region, cancellationToken).ConfigureAwait(false)
            && await SmsFacts.SandboxNumberStatusAsync(aws, region, to, cancellationToken).ConfigureAwait(false) != "Verified")
        {
            return new TestMessageResult(false, E164.Mask(to), null, "The account is in the SMS sandbox and the number is not verified.");
        }

        var key = IdempotencyKeys.For(input.ExecutionArn, SendTestMessageStep.Name);
        var messageId = await store.RunAsync(key, time, Once.NothingToRecover, async () =>
        {
            var published = await AwsCall.Run("Sending the test SMS", () => aws.Sns(region).PublishAsync(new PublishRequest
            {
                PhoneNumber = to,
                Message = $"SMS for {input.Pool.PoolName} ({input.Pool.UserPoolId}) is set up. Sent by SmsOnboarding.",
            }, cancellationToken)).ConfigureAwait(false);
            return published.MessageId ?? string.Empty;
        }, cancellationToken).ConfigureAwait(false);
        return new TestMessageResult(true, E164.Mask(to), messageId, null);
    }
}
