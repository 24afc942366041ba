using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Aws.SimpleNotificationService.Model;
using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.Handlers;
using SmsOnboarding.Steps.Idempotency;
using SmsOnboarding.Steps.Privacy;

namespace SmsOnboarding.Steps.SendVerificationCode;

/// <summary>
/// Sends (or re-sends) the sandbox verification SMS. AWS allows 5 sends per number per 24 h; the send times
/// travel in the workflow state, and each send is keyed by its ordinal so a retried task never sends twice.
/// </summary>
public sealed class SendVerificationCodeHandler(IAwsClientFactory aws, IIdempotencyStore store, TimeProvider time)
    : IStepHandler<SendCodeInput, CodeSends>
{
    public async Task<CodeSends> HandleAsync(SendCodeInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var region = input.Pool.SnsRegion;
        var listed = await SmsFacts.SandboxNumbersAsync(aws, region, cancellationToken).ConfigureAwait(false);
        var status = listed.FirstOrDefault(n => n.PhoneNumber == input.PhoneNumber)?.Status;
        if (status == "Verified")
        {
            return input.Sends with { AlreadyVerified = true, Limited = false };
        }
        if (status is null && listed.Count >= SmsFacts.SandboxCapacity)
        {
            return SandboxFull(input.Sends);
        }

        var now = time.GetUtcNow();
        var recent = input.Sends.SentAt.Where(t => now - t < TimeSpan.FromHours(24)).ToList();
        if (recent.Count >= input.Settings.MaxCodeSendsPerDay)
        {
            return new CodeSends(input.Sends.SentAt, false, true);
        }

        var key = IdempotencyKeys.For(input.ExecutionArn, SendVerificationCodeStep.Name, $"{PhoneDigest.Of(input.ExecutionArn, input.PhoneNumber)}#{input.Sends.SentAt.Count}");
        var sentAt = await store.RunAsync(key, time, Once.NothingToRecover, async () =>
        {
            try
            {
                await aws.Sns(region).CreateSMSSandboxPhoneNumberAsync(
                    new CreateSMSSandboxPhoneNumberRequest { PhoneNumber = input.PhoneNumber, LanguageCode = "en-US" }, cancellationToken).ConfigureAwait(false);
                return time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (AwsServiceException e) when (e.Is("UserError", "Throttled") && e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
            {
                return "limited";
            }
            catch (AwsServiceException e) when (e.Is("OptedOut"))
            {
                throw StepException.Failed($"The number {Domain.Phones.E164.Mask(input.PhoneNumber)} has opted out of SMS. Its owner must reply START (or remove it from the request) before it can be verified.", e);
            }
            catch (AwsServiceException e)
            {
                // Other onboardings of the account may have filled the list since it was read.
                if (e.Is("UserError") && (await SmsFacts.SandboxNumbersAsync(aws, region, cancellationToken).ConfigureAwait(false)).Count >= SmsFacts.SandboxCapacity)
                {
                    return Full;
                }
                throw AwsCall.ToStepException($"Sending the verification code to {Domain.Phones.E164.Mask(input.PhoneNumber)}", e);
            }
        }, cancellationToken).ConfigureAwait(false);

        return sentAt switch
        {
            "limited" => new CodeSends(input.Sends.SentAt, false, true),
            Full => SandboxFull(input.Sends),
            _ => new CodeSends([.. input.Sends.SentAt, DateTimeOffset.Parse(sentAt, System.Globalization.CultureInfo.InvariantCulture)]),
        };
    }

    private const string Full = "sandboxFull";

    private static CodeSends SandboxFull(CodeSends sends) => sends with { AlreadyVerified = true, Limited = false, SandboxFull = true };
}
