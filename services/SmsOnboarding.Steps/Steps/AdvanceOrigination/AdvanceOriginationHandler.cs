using SmsOnboarding.Aws.PinpointSMSVoiceV2;
using SmsOnboarding.Aws.PinpointSMSVoiceV2.Model;
using SmsOnboarding.Domain.Requests;
using SmsOnboarding.Steps.AccountWork;
using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.Handlers;
using SmsOnboarding.Steps.HumanTasks;
using SmsOnboarding.Steps.Idempotency;
using SmsOnboarding.Steps.Workflow;

namespace SmsOnboarding.Steps.AdvanceOrigination;

/// <summary>
/// One poll of the registration path, in AWS's order (shared/AWS-FACTS-2.md §1-2). Toll-free: create and fill the
/// registration, request the number, associate it, submit (ASSOCIATE_BEFORE_SUBMIT). 10DLC: the brand registration
/// first; once it is COMPLETE the campaign, associated with the brand before it is submitted; the number after the
/// campaign is COMPLETE. Then wait for the number to be ACTIVE. Every creating call runs once per execution through
/// the idempotency store. A registration AWS sends back (REQUIRES_UPDATES) becomes "sentBack" with AWS's reasons;
/// the person's edits come back as the answer and are filed as a new version (<see cref="RegistrationRevision"/>).
/// </summary>
public sealed class AdvanceOriginationHandler(IAwsClientFactory aws, IIdempotencyStore store, TimeProvider time, IAccountWorkStore accountWork)
    : IStepHandler<OriginationInput, OriginationProgress>
{
    public const string TollFreeType = "US_TOLL_FREE_REGISTRATION";
    public const string BrandType = "US_TEN_DLC_BRAND_REGISTRATION";
    public const string CampaignType = "US_TEN_DLC_CAMPAIGN_REGISTRATION";

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
        if (progress.Action == "sentBack")
        {
            // A resubmitted version is a new review: the deadline counts from its submission.
            return await RegistrationRevision.ResubmitAsync(sms, input, progress, SentBackId(input, progress), cancellationToken).ConfigureAwait(false) is { } refused
                ? refused
                : Pending(input, progress with { Edits = RegistrationEdits.Combine(progress.Edits, input.Answer!.Edits!), WaitingSince = null },
                    SentBackId(input, progress), "Resubmitted with the edited answers.");
        }

        // One registration of a type serves the account and Region (decision 0024): only its owner files it.
        if (progress.RegistrationId is null && progress.BrandRegistrationId is null
            && await WaitOnSharedRegistrationAsync(sms, input, progress, cancellationToken).ConfigureAwait(false) is { } shared)
        {
            return shared;
        }

        // Edits people made after a send-back answer every later form too (a 10DLC campaign after its brand).
        input = input with { Request = RegistrationRevision.Revised(input.Request, progress.Edits) };
        var advanced = input.Request.OriginationType == OriginationType.TenDlc
            ? await TenDlcAsync(sms, input, progress, cancellationToken).ConfigureAwait(false)
            : await TollFreeAsync(sms, input, progress, cancellationToken).ConfigureAwait(false);
        if (advanced.Action == "ready")
        {
            await accountWork.EndAsync(SharedKey(input), input.ExecutionArn, AccountWorkRecord.Satisfied, null, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        return advanced;
    }

    private static string SharedKey(OriginationInput input) =>
        AccountWorkKeys.For(input.Pool.AccountId, input.Pool.SnsRegion, Needs.Origination, input.Request.OriginationType.ToString());

    /// <summary>
    /// Null when this onboarding files the account's registration of its type. Otherwise it waits for that one: ready
    /// as soon as an ACTIVE US number of the type exists in the Region (any onboarding's, or one made by hand), failed
    /// when the registration it waited on ended without one.
    /// </summary>
    private async Task<OriginationProgress?> WaitOnSharedRegistrationAsync(IAmazonPinpointSMSVoiceV2 sms, OriginationInput input, OriginationProgress progress,
        CancellationToken ct)
    {
        var numberType = input.Request.OriginationType == OriginationType.TenDlc ? "TEN_DLC" : "TOLL_FREE";
        var work = await accountWork.GetAsync(SharedKey(input), ct).ConfigureAwait(false);
        if (work is not null && work.OwnerExecutionArn != input.ExecutionArn)
        {
            var numbers = await AwsCall.Run("Listing phone numbers", () => sms.DescribePhoneNumbersAllAsync(new DescribePhoneNumbersRequest
            {
                Filters = [new PhoneNumberFilter { Name = "number-type", Values = [numberType] }],
            }, ct).ToListAsync(ct).AsTask()).ConfigureAwait(false);
            if (numbers.FirstOrDefault(n => n.Status == "ACTIVE" && n.IsoCountryCode == "US") is { PhoneNumber: { } active })
            {
                return progress with { Action = "ready", PhoneNumber = active, NextDelaySeconds = 0, Detail = $"Uses the account's {numberType} number {active}, registered for {work.OwnerOnboarding}." };
            }
            if (work.Outcome is AccountWorkRecord.Denied or AccountWorkRecord.Failed)
            {
                var message = $"The {numberType} registration this onboarding waited on (filed for {work.OwnerOnboarding}) ended {work.Outcome}: {work.Reason}";
                throw work.Outcome == AccountWorkRecord.Denied ? StepException.Denied(message) : StepException.Failed(message);
            }
        }
        var inForce = await accountWork.ClaimOrJoinAsync(SharedKey(input), new AccountWorkRecord(input.ExecutionArn, 0, time.GetUtcNow()), ct).ConfigureAwait(false);
        return inForce.OwnerExecutionArn == input.ExecutionArn
            ? null
            : Pending(input, progress, $"filed for {inForce.OwnerOnboarding}", $"Waiting on the {numberType} registration filed for {inForce.OwnerOnboarding} in account " +
                $"{input.Pool.AccountId}, {input.Pool.SnsRegion}: one registration serves the whole account and Region, so this onboarding files none of its own.");
    }

    private async Task<OriginationProgress> TollFreeAsync(IAmazonPinpointSMSVoiceV2 sms, OriginationInput input, OriginationProgress progress, CancellationToken ct)
    {
        var registrationId = progress.RegistrationId ?? await RegisterAsync(sms, input, TollFreeType, "registration", null, ct).ConfigureAwait(false);
        var numberId = progress.PhoneNumberId ?? await RequestNumberAsync(sms, input, "TOLL_FREE", null, ct).ConfigureAwait(false);
        progress = progress with { RegistrationId = registrationId, PhoneNumberId = numberId };

        var status = await StatusAsync(sms, registrationId, ct).ConfigureAwait(false);
        if (status == "CREATED")
        {
            await RegistrationFiling.AssociateAsync(sms, registrationId, numberId, ct).ConfigureAwait(false);
            await RegistrationFiling.SubmitAsync(sms, registrationId, ct).ConfigureAwait(false);
            status = await StatusAsync(sms, registrationId, ct).ConfigureAwait(false);
        }

        return status switch
        {
            "COMPLETE" => await NumberReadyAsync(sms, input, progress, numberId, ct).ConfigureAwait(false),
            "REQUIRES_UPDATES" => await RegistrationRevision.SentBackAsync(sms, progress, registrationId, null, ct).ConfigureAwait(false),
            _ => Pending(input, progress, registrationId, Waiting(registrationId, status)),
        };
    }

    private async Task<OriginationProgress> TenDlcAsync(IAmazonPinpointSMSVoiceV2 sms, OriginationInput input, OriginationProgress progress, CancellationToken ct)
    {
        var brandId = progress.BrandRegistrationId ?? await RegisterAsync(sms, input, BrandType, "brand", null, ct).ConfigureAwait(false);
        progress = progress with { BrandRegistrationId = brandId };
        if (progress.RegistrationId is null)
        {
            var brandStatus = await StatusAsync(sms, brandId, ct).ConfigureAwait(false);
            if (brandStatus == "CREATED")
            {
                await RegistrationFiling.SubmitAsync(sms, brandId, ct).ConfigureAwait(false);
                brandStatus = await StatusAsync(sms, brandId, ct).ConfigureAwait(false);
            }

            if (brandStatus == "REQUIRES_UPDATES")
            {
                return await RegistrationRevision.SentBackAsync(sms, progress, brandId, "brand", ct).ConfigureAwait(false);
            }

            if (brandStatus != "COMPLETE")
            {
                return Pending(input, progress, brandId, "Brand " + Waiting(brandId, brandStatus));
            }
        }

        var campaignId = progress.RegistrationId ?? await RegisterAsync(sms, input, CampaignType, "registration", brandId, ct).ConfigureAwait(false);
        progress = progress with { RegistrationId = campaignId };
        var status = await StatusAsync(sms, campaignId, ct).ConfigureAwait(false);
        if (status == "CREATED")
        {
            await RegistrationFiling.SubmitAsync(sms, campaignId, ct).ConfigureAwait(false);
            status = await StatusAsync(sms, campaignId, ct).ConfigureAwait(false);
        }

        if (status == "REQUIRES_UPDATES")
        {
            return await RegistrationRevision.SentBackAsync(sms, progress, campaignId, "campaign", ct).ConfigureAwait(false);
        }

        if (status != "COMPLETE")
        {
            return Pending(input, progress, campaignId, "Campaign " + Waiting(campaignId, status));
        }

        var numberId = progress.PhoneNumberId ?? await RequestNumberAsync(sms, input, "TEN_DLC", campaignId, ct).ConfigureAwait(false);
        return await NumberReadyAsync(sms, input, progress with { PhoneNumberId = numberId }, numberId, ct).ConfigureAwait(false);
    }

    private static string Waiting(string registrationId, string status) => $"registration {registrationId} is {status}.";

    // A 10DLC run is past its brand once the campaign exists; the brand is what was sent back before that.
    private static string SentBackId(OriginationInput input, OriginationProgress progress) =>
        input.Request.OriginationType == OriginationType.TenDlc && progress.RegistrationId is null ? progress.BrandRegistrationId! : progress.RegistrationId!;

    private static async Task<string> StatusAsync(IAmazonPinpointSMSVoiceV2 sms, string registrationId, CancellationToken ct)
    {
        var registration = (await AwsCall.Run("Describing the registration", () => sms.DescribeRegistrationsAsync(
            new DescribeRegistrationsRequest { RegistrationIds = [registrationId] }, ct)).ConfigureAwait(false)).Registrations?.FirstOrDefault();
        var status = registration?.RegistrationStatus ?? "UNKNOWN";
        if (status is "CLOSED" or "DELETED")
        {
            throw StepException.Denied($"End User Messaging registration {registrationId} ended as {status}. Open it in the End User Messaging console to see why; a new registration needs a new onboarding.");
        }

        return status;
    }

    private async Task<OriginationProgress> NumberReadyAsync(IAmazonPinpointSMSVoiceV2 sms, OriginationInput input, OriginationProgress progress, string numberId, CancellationToken ct)
    {
        var number = (await AwsCall.Run("Describing the phone number", () => sms.DescribePhoneNumbersAsync(
            new DescribePhoneNumbersRequest { PhoneNumberIds = [numberId] }, ct)).ConfigureAwait(false)).PhoneNumbers?.FirstOrDefault();
        return number?.Status == "ACTIVE"
            ? progress with { Action = "ready", PhoneNumber = number.PhoneNumber, NextDelaySeconds = 0, Detail = "Origination identity is active." }
            : Pending(input, progress, progress.RegistrationId!, $"Phone number {numberId} is {number?.Status ?? "unknown"}.");
    }

    private OriginationProgress Pending(OriginationInput input, OriginationProgress progress, string registrationId, string detail)
    {
        var now = time.GetUtcNow();
        var since = progress.WaitingSince ?? now;
        if (now - since > ReviewDeadline)
        {
            throw StepException.Failed($"Registration {registrationId} is still not usable {ReviewDeadline.TotalDays:0} days after the workflow started waiting on it ({since:yyyy-MM-dd}); AWS states reviews take up to 15 business days. Last seen: {detail} Ask AWS Support about the registration in End User Messaging, then redrive this execution.");
        }

        var attempt = progress.Attempt + 1;
        return progress with
        {
            Action = "pending",
            PhoneNumber = null,
            Attempt = attempt,
            NextDelaySeconds = PollBackoff.DelaySeconds(attempt - 1, input.Settings.PollInitialSeconds, input.Settings.PollMaxSeconds),
            Detail = detail,
            WaitingSince = since,
        };
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

    /// <summary>Creates a registration of <paramref name="type"/> once per execution (<paramref name="slot"/>), associates its brand first when it has one, and fills it.</summary>
    private Task<string> RegisterAsync(IAmazonPinpointSMSVoiceV2 sms, OriginationInput input, string type, string slot, string? brandId, CancellationToken ct)
    {
        var key = IdempotencyKeys.For(input.ExecutionArn, AdvanceOriginationStep.Name, slot);
        async Task<string> Prepare(string id)
        {
            if (brandId is not null)
            {
                await RegistrationFiling.AssociateAsync(sms, id, brandId, ct).ConfigureAwait(false);
            }

            await RegistrationFiling.FillAsync(sms, input, id, type, ct).ConfigureAwait(false);
            return id;
        }

        return store.RunAsync(key, time,
            async startedAt =>
            {
                var all = await AwsCall.Run("Listing registrations", () => sms.DescribeRegistrationsAllAsync(new DescribeRegistrationsRequest
                {
                    Filters = [new RegistrationFilter { Name = "registration-type", Values = [type] }],
                }, ct).ToListAsync(ct).AsTask()).ConfigureAwait(false);
                var candidate = all.Where(r => r.CreatedTimestamp >= startedAt.UtcDateTime.AddSeconds(-1)).OrderBy(r => r.CreatedTimestamp).FirstOrDefault();
                return candidate?.RegistrationId is { } id ? await Prepare(id).ConfigureAwait(false) : null;
            },
            async () =>
            {
                var created = await AwsCall.Run($"Creating a {type}", () => sms.CreateRegistrationAsync(new CreateRegistrationRequest
                {
                    RegistrationType = type,
                    ClientToken = IdempotencyKeys.Reference(key),
                    Tags = [new Tag { Key = "sms-onboarding:user-pool", Value = input.Pool.UserPoolId }],
                }, ct)).ConfigureAwait(false);
                return await Prepare(created.RegistrationId ?? throw StepException.Failed("CreateRegistration returned no RegistrationId.")).ConfigureAwait(false);
            },
            ct);
    }
}
