using SmsOnboarding.Aws.PinpointSMSVoiceV2;
using SmsOnboarding.Aws.PinpointSMSVoiceV2.Model;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Domain.Requests;
using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.HumanTasks;

namespace SmsOnboarding.Steps.AdvanceOrigination;

/// <summary>
/// A registration AWS sent back: read why (the denied version's reasons), and once a person has edited the answers,
/// file them as a new version and submit it. CreateRegistrationVersion starts an empty version (AWS-FACTS-2 §1), so
/// every field is answered again.
/// </summary>
internal static class RegistrationRevision
{
    public static OnboardingRequest Revised(OnboardingRequest request, System.Text.Json.Nodes.JsonObject? edits)
    {
        if (edits is null)
        {
            return request;
        }

        var result = RegistrationEdits.Apply(request, edits);
        return result.Request ?? throw StepException.Failed("The stored registration edits no longer make a valid request: " + string.Join("; ", result.Problems.Select(p => p.Message)));
    }

    /// <summary>"sentBack" with AWS's reasons; <paramref name="which"/> names the 10DLC part (brand, campaign).</summary>
    public static async Task<OriginationProgress> SentBackAsync(IAmazonPinpointSMSVoiceV2 sms, OriginationProgress progress, string registrationId, string? which, CancellationToken ct)
    {
        var versions = await AwsCall.Run("Reading why the registration was sent back", () => sms.DescribeRegistrationVersionsAsync(
            new DescribeRegistrationVersionsRequest { RegistrationId = registrationId }, ct)).ConfigureAwait(false);
        var denied = versions.RegistrationVersions?.OrderByDescending(v => v.VersionNumber).FirstOrDefault(v => v.RegistrationVersionStatus == "DENIED");
        var reasons = denied?.DeniedReasons is { Count: > 0 } list
            ? string.Join(" ", list.Select(r => $"{r.Reason}: {r.ShortDescription}".Trim()))
            : "AWS gave no reason.";
        var what = which is null ? "Registration" : $"The 10DLC {which} registration";
        return progress with
        {
            Action = "sentBack",
            PhoneNumber = null,
            NextDelaySeconds = 0,
            Detail = $"{what} {registrationId} version {denied?.VersionNumber} needs updates. AWS's reasons: {reasons}",
        };
    }

    /// <summary>
    /// Files the answer's edits as a new version and submits it; null when done. Edits that do not make a valid request
    /// come back as "sentBack" again, naming each problem, so the person can correct them.
    /// </summary>
    public static async Task<OriginationProgress?> ResubmitAsync(IAmazonPinpointSMSVoiceV2 sms, OriginationInput input, OriginationProgress progress, string registrationId, CancellationToken ct)
    {
        var edits = input.Answer?.Edits ?? throw StepException.Failed("The registration was sent back but the answer carries no edits.");
        var combined = RegistrationEdits.Combine(progress.Edits, edits);
        var revised = RegistrationEdits.Apply(input.Request, combined);
        if (revised.Request is not { } request)
        {
            var problems = string.Join("; ", revised.Problems.Select(p => $"{p.Field}: {p.Message}"));
            var reasons = progress.Detail?[(progress.Detail.IndexOf("AWS's reasons:", StringComparison.Ordinal) is var at and >= 0 ? at : 0)..];
            return progress with { Detail = $"The edited answers are not valid: {problems}. {reasons}" };
        }

        var type = (await AwsCall.Run("Describing the registration", () => sms.DescribeRegistrationsAsync(
            new DescribeRegistrationsRequest { RegistrationIds = [registrationId] }, ct)).ConfigureAwait(false)).Registrations?.FirstOrDefault()?.RegistrationType
            ?? throw StepException.Failed($"Registration {registrationId} no longer exists.");
        await NewDraftAsync(sms, registrationId, ct).ConfigureAwait(false);
        await RegistrationFiling.FillAsync(sms, input with { Request = request }, registrationId, type, ct).ConfigureAwait(false);
        await RegistrationFiling.SubmitAsync(sms, registrationId, ct).ConfigureAwait(false);
        return null;
    }

    // A retry finds the draft its first attempt opened: only a decided latest version gets a new one.
    private static async Task NewDraftAsync(IAmazonPinpointSMSVoiceV2 sms, string registrationId, CancellationToken ct)
    {
        var latest = (await AwsCall.Run("Reading the registration's versions", () => sms.DescribeRegistrationVersionsAsync(
            new DescribeRegistrationVersionsRequest { RegistrationId = registrationId }, ct)).ConfigureAwait(false))
            .RegistrationVersions?.OrderByDescending(v => v.VersionNumber).FirstOrDefault();
        if (latest?.RegistrationVersionStatus == "DRAFT")
        {
            return;
        }

        try
        {
            await sms.CreateRegistrationVersionAsync(new CreateRegistrationVersionRequest { RegistrationId = registrationId }, ct).ConfigureAwait(false);
        }
        catch (AwsServiceException e)
        {
            throw AwsCall.ToStepException("Creating a new registration version", e);
        }
    }
}
