using SmsOnboarding.Aws.PinpointSMSVoiceV2;
using SmsOnboarding.Aws.PinpointSMSVoiceV2.Model;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Domain.Requests;
using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.Handlers;
using SmsOnboarding.Steps.Idempotency;
using SmsOnboarding.Steps.Workflow;

namespace SmsOnboarding.Steps.AdvanceOrigination;

/// <summary>
/// One poll of the registration path: register (toll-free: number first, associated before submit; 10DLC:
/// campaign first, number after approval), wait for COMPLETE, then for the number to be ACTIVE. Every creating
/// call runs once per execution through the idempotency store.
/// </summary>
public sealed class AdvanceOriginationHandler(IAwsClientFactory aws, IIdempotencyStore store, TimeProvider time)
    : IStepHandler<OriginationInput, OriginationProgress>
{
    /// <summary>
    /// How long the poll waits for the registration and its number. AWS states toll-free review takes up to 15
    /// business days (End User Messaging user guide, registrations-tfn); twice that in calendar days, rounded up,
    /// leaves room for one round of updates before a person is told the wait is no longer normal.
    /// </summary>
    public static readonly TimeSpan ReviewDeadline = TimeSpan.FromDays(45);

    public async Task<OriginationProgress> HandleAsync(OriginationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var progress = input.Progress ?? new OriginationProgress("register");
        var sms = aws.SmsVoice(input.Pool.SnsRegion);
        var tollFree = input.Request.OriginationType != OriginationType.TenDlc;

        var numberId = progress.PhoneNumberId;
        if (tollFree && numberId is null)
        {
            numberId = await RequestNumberAsync(sms, input, "TOLL_FREE", null, cancellationToken).ConfigureAwait(false);
        }

        var registrationId = progress.RegistrationId
            ?? await RegisterAsync(sms, input, tollFree ? numberId : null, cancellationToken).ConfigureAwait(false);

        var registration = (await AwsCall.Run("Describing the registration", () => sms.DescribeRegistrationsAsync(
            new DescribeRegistrationsRequest { RegistrationIds = [registrationId] }, cancellationToken)).ConfigureAwait(false)).Registrations?.FirstOrDefault();
        var status = registration?.RegistrationStatus ?? "UNKNOWN";
        if (status is "REQUIRES_UPDATES" or "CLOSED" or "DELETED")
        {
            throw StepException.Denied($"End User Messaging registration {registrationId} ended as {status}. Open it in the End User Messaging console, read the denial reasons, fix the form and resubmit; then redrive this execution.");
        }

        if (status != "COMPLETE")
        {
            return Pending(input, progress, registrationId, numberId, $"Registration {registrationId} is {status}.");
        }

        numberId ??= await RequestNumberAsync(sms, input, "TEN_DLC", registrationId, cancellationToken).ConfigureAwait(false);
        var number = (await AwsCall.Run("Describing the phone number", () => sms.DescribePhoneNumbersAsync(
            new DescribePhoneNumbersRequest { PhoneNumberIds = [numberId] }, cancellationToken)).ConfigureAwait(false)).PhoneNumbers?.FirstOrDefault();
        return number?.Status == "ACTIVE"
            ? new OriginationProgress("ready", number.PhoneNumber, registrationId, numberId, progress.Attempt, 0, "Origination identity is active.", progress.WaitingSince)
            : Pending(input, progress, registrationId, numberId, $"Phone number {numberId} is {number?.Status ?? "unknown"}.");
    }

    private OriginationProgress Pending(OriginationInput input, OriginationProgress progress, string registrationId, string? numberId, string detail)
    {
        var now = time.GetUtcNow();
        var since = progress.WaitingSince ?? now;
        if (now - since > ReviewDeadline)
        {
            throw StepException.Failed($"Registration {registrationId} is still not usable {ReviewDeadline.TotalDays:0} days after the workflow started waiting on it ({since:yyyy-MM-dd}); AWS states reviews take up to 15 business days. Last seen: {detail} Ask AWS Support about the registration in End User Messaging, then redrive this execution.");
        }

        var attempt = progress.Attempt + 1;
        return new OriginationProgress("pending", null, registrationId, numberId, attempt,
            PollBackoff.DelaySeconds(attempt - 1, input.Settings.PollInitialSeconds, input.Settings.PollMaxSeconds), detail, since);
    }

    private Task<string> RequestNumberAsync(IAmazonPinpointSMSVoiceV2 sms, OriginationInput input, string numberType, string? registrationId, CancellationToken ct)
    {
        var key = IdempotencyKeys.For(input.ExecutionArn, AdvanceOriginationStep.Name, "number");
        return store.RunAsync(key, time,
            async startedAt =>
            {
                var numbers = await AwsCall.Run("Listing phone numbers", () => sms.DescribePhoneNumbersAllAsync(new DescribePhoneNumbersRequest
                {
                    Filters = [new PhoneNumberFilter { Name = "number-type", Values = [numberType] }],
                }, ct).ToListAsync(ct).AsTask()).ConfigureAwait(false);
                return numbers.Where(n => n.CreatedTimestamp >= startedAt.UtcDateTime.AddSeconds(-1)).OrderBy(n => n.CreatedTimestamp).FirstOrDefault()?.PhoneNumberId;
            },
            async () =>
            {
                var response = await AwsCall.Run($"Requesting a {numberType} phone number", () => sms.RequestPhoneNumberAsync(new RequestPhoneNumberRequest
                {
                    IsoCountryCode = "US",
                    MessageType = input.Request.MessageType == SmsOnboarding.Domain.Requests.MessageType.Promotional ? "PROMOTIONAL" : "TRANSACTIONAL",
                    NumberCapabilities = ["SMS"],
                    NumberType = numberType,
                    RegistrationId = registrationId,
                    ClientToken = IdempotencyKeys.Reference(key),
                    Tags = [new Tag { Key = "sms-onboarding:user-pool", Value = input.Pool.UserPoolId }],
                }, ct)).ConfigureAwait(false);
                return response.PhoneNumberId ?? throw StepException.Failed("RequestPhoneNumber returned no PhoneNumberId.");
            },
            ct);
    }

    private Task<string> RegisterAsync(IAmazonPinpointSMSVoiceV2 sms, OriginationInput input, string? numberToAssociate, CancellationToken ct)
    {
        var type = numberToAssociate is null ? "US_TEN_DLC_CAMPAIGN_REGISTRATION" : "US_TOLL_FREE_REGISTRATION";
        var key = IdempotencyKeys.For(input.ExecutionArn, AdvanceOriginationStep.Name, "registration");
        return store.RunAsync(key, time,
            async startedAt =>
            {
                var all = await AwsCall.Run("Listing registrations", () => sms.DescribeRegistrationsAllAsync(new DescribeRegistrationsRequest
                {
                    Filters = [new RegistrationFilter { Name = "registration-type", Values = [type] }],
                }, ct).ToListAsync(ct).AsTask()).ConfigureAwait(false);
                var candidate = all.Where(r => r.CreatedTimestamp >= startedAt.UtcDateTime.AddSeconds(-1)).OrderBy(r => r.CreatedTimestamp).FirstOrDefault();
                if (candidate?.RegistrationId is { } id)
                {
                    await FillAndSubmitAsync(sms, input, id, type, numberToAssociate, ct).ConfigureAwait(false);
                }

                return candidate?.RegistrationId;
            },
            async () =>
            {
                var created = await AwsCall.Run($"Creating a {type}", () => sms.CreateRegistrationAsync(new CreateRegistrationRequest
                {
                    RegistrationType = type,
                    ClientToken = IdempotencyKeys.Reference(key),
                    Tags = [new Tag { Key = "sms-onboarding:user-pool", Value = input.Pool.UserPoolId }],
                }, ct)).ConfigureAwait(false);
                var id = created.RegistrationId ?? throw StepException.Failed("CreateRegistration returned no RegistrationId.");
                await FillAndSubmitAsync(sms, input, id, type, numberToAssociate, ct).ConfigureAwait(false);
                return id;
            },
            ct);
    }

    private static async Task FillAndSubmitAsync(IAmazonPinpointSMSVoiceV2 sms, OriginationInput input, string registrationId, string type, string? numberToAssociate, CancellationToken ct)
    {
        // The form differs per registration type and changes over time: read it, fill what the request answers.
        var definitions = await AwsCall.Run("Reading the registration form", () => sms.DescribeRegistrationFieldDefinitionsAllAsync(
            new DescribeRegistrationFieldDefinitionsRequest { RegistrationType = type }, ct).ToListAsync(ct).AsTask()).ConfigureAwait(false);
        foreach (var field in definitions.Where(d => d.FieldPath is not null))
        {
            var (text, choice) = RegistrationAnswers.For(field, input.Request);
            if (text is null && choice is null)
            {
                if (field.FieldRequirement == "REQUIRED")
                {
                    throw StepException.Failed($"The {type} form requires '{field.DisplayHints?.Title ?? field.FieldPath}' ({field.FieldPath}), which the onboarding request does not provide. Fill it in the End User Messaging console for registration {registrationId}, submit it, then redrive.");
                }

                continue;
            }

            await AwsCall.Run($"Filling registration field {field.FieldPath}", () => sms.PutRegistrationFieldValueAsync(new PutRegistrationFieldValueRequest
            {
                RegistrationId = registrationId,
                FieldPath = field.FieldPath,
                TextValue = text,
                SelectChoices = choice is null ? null : [choice],
            }, ct)).ConfigureAwait(false);
        }

        if (numberToAssociate is not null)
        {
            await IgnoreConflict(() => sms.CreateRegistrationAssociationAsync(
                new CreateRegistrationAssociationRequest { RegistrationId = registrationId, ResourceId = numberToAssociate }, ct), "Associating the number").ConfigureAwait(false);
        }

        await IgnoreConflict(() => sms.SubmitRegistrationVersionAsync(new SubmitRegistrationVersionRequest { RegistrationId = registrationId }, ct), "Submitting the registration").ConfigureAwait(false);
    }

    // A retry finds the association or submission already done: that is success.
    private static async Task IgnoreConflict<T>(Func<Task<T>> call, string what)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.Is("ConflictException") && e.Reason is "REGISTRATION_ALREADY_SUBMITTED" or "RESOURCE_ALREADY_ASSOCIATED" or "ASSOCIATION_ALREADY_EXISTS")
        {
        }
        catch (AwsServiceException e)
        {
            throw AwsCall.ToStepException(what, e);
        }
    }
}
