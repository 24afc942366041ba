using SmsOnboarding.Aws.AWSSupport.Model;
using SmsOnboarding.Aws.ServiceQuotas.Model;
using SmsOnboarding.Steps.AccountWork;
using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.Handlers;
using SmsOnboarding.Steps.Workflow;

namespace SmsOnboarding.Steps.CheckCase;

/// <summary>
/// One poll of a case. The need counts as met only when its effect is visible in AWS (out of the sandbox, quota
/// raised, number active), whatever the case says; a denial or an overdue case ends the run with the reason. The
/// owner of an account's shared work ends it with its outcome, so onboardings that joined it learn how it ended.
/// </summary>
public sealed class CheckCaseHandler(IAwsClientFactory aws, AccountWorkSharing sharing, TimeProvider time) : IStepHandler<CaseInput, CaseState>
{
    /// <summary>
    /// How long a case Support resolved may take to show its effect before the run fails. AWS publishes no
    /// propagation time for sandbox exit or quota changes; under load the effect was seen to lag the resolution,
    /// so three days (several polls at the longest backoff) is a guess that tolerates lag without hiding a refusal.
    /// </summary>
    public static readonly TimeSpan ResolvedEffectGrace = TimeSpan.FromDays(3);

    public async Task<CaseState> HandleAsync(CaseInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var state = input.Case ?? throw StepException.Failed("CheckCase needs the case opened by OpenCase.");
        var joined = state.Channel == CaseChannels.Joined;
        if (await EffectVisibleAsync(input, cancellationToken).ConfigureAwait(false))
        {
            if (!joined)
            {
                await sharing.EndAsync(input, AccountWorkRecord.Satisfied, null, cancellationToken).ConfigureAwait(false);
            }

            return state with { Satisfied = true, Status = "satisfied", NextDelaySeconds = 0 };
        }

        if (joined)
        {
            await sharing.ThrowIfSharedWorkEndedAsync(input, state, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return await PollAsync(input, state, joined, cancellationToken).ConfigureAwait(false);
        }
        catch (StepException e) when (!joined && e.ErrorName is StepErrors.Denied or StepErrors.Failed)
        {
            await sharing.EndAsync(input, e.ErrorName == StepErrors.Denied ? AccountWorkRecord.Denied : AccountWorkRecord.Failed, e.Message, cancellationToken)
                .ConfigureAwait(false);
            throw;
        }
    }

    private async Task<CaseState> PollAsync(CaseInput input, CaseState state, bool joined, CancellationToken cancellationToken)
    {
        var status = joined ? state.Status : await ChannelStatusAsync(input, state, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var resolvedAt = status == "resolved" ? state.ResolvedAt ?? now : state.ResolvedAt;
        if (status == "resolved" && now - resolvedAt > ResolvedEffectGrace)
        {
            throw StepException.Failed($"AWS Support resolved case {state.CaseId} on {resolvedAt:yyyy-MM-dd HH:mm} UTC, but the {input.Need} change has not appeared in {input.Pool.SnsRegion} "
                + $"in the {ResolvedEffectGrace.TotalHours:0} hours since. Read the case correspondence (reopen it if AWS approved), then redrive."
                + await LastAwsMessageAsync(state.CaseId, cancellationToken).ConfigureAwait(false));
        }

        var waited = now - state.OpenedAt;
        if (waited > TimeSpan.FromDays(input.Settings.CaseMaxWaitDays))
        {
            throw StepException.Failed($"The {input.Need} case {state.CaseId ?? state.QuotaRequestId} has been open {waited.TotalDays:0} days without the change appearing in AWS. Follow up with AWS Support, then redrive.");
        }

        var attempt = state.Attempt + 1;
        return state with
        {
            Status = status,
            ResolvedAt = resolvedAt,
            Attempt = attempt,
            NextDelaySeconds = PollBackoff.DelaySeconds(attempt - 1, input.Settings.PollInitialSeconds, input.Settings.PollMaxSeconds),
        };
    }

    private async Task<bool> EffectVisibleAsync(CaseInput input, CancellationToken ct)
    {
        var region = input.Pool.SnsRegion;
        return input.Need switch
        {
            Needs.SandboxExit => !await SmsFacts.InSandboxAsync(aws, region, ct).ConfigureAwait(false),
            Needs.SpendIncrease => await SmsFacts.ApprovedSpendQuotaAsync(aws, region, ct).ConfigureAwait(false) >= input.Request.MonthlySpendUsd,
            Needs.Origination => await SmsFacts.ActiveUsOriginationAsync(aws, region, ct).ConfigureAwait(false) is not null,
            _ => throw StepException.Failed($"Unknown need '{input.Need}'."),
        };
    }

    private async Task<string?> ChannelStatusAsync(CaseInput input, CaseState state, CancellationToken ct)
    {
        switch (state.Channel)
        {
            case CaseChannels.ServiceQuotas:
                var change = (await AwsCall.Run("Reading the quota request", () => aws.ServiceQuotas(input.Pool.SnsRegion).GetRequestedServiceQuotaChangeAsync(
                    new GetRequestedServiceQuotaChangeRequest { RequestId = state.QuotaRequestId }, ct)).ConfigureAwait(false)).RequestedQuota;
                if (change?.Status is "DENIED" or "NOT_APPROVED" or "INVALID_REQUEST" or "CASE_CLOSED")
                {
                    throw StepException.Denied($"AWS did not approve the {input.Need} request {state.QuotaRequestId} (status {change.Status}"
                        + (change.CaseId is null ? ")." : $", Support case {change.CaseId}). Read the case correspondence for the reason.")
                        + await LastAwsMessageAsync(change.CaseId, ct).ConfigureAwait(false));
                }

                return change?.Status;
            case CaseChannels.SupportApi:
                // Only executions started before decision 0021 hold such a case (the API no longer opens any): still read it.
                // A resolved case whose effect is not visible yet is not a denial: HandleAsync keeps polling for a while.
                return (await SupportCaseAsync(state.CaseId, ct).ConfigureAwait(false))?.Status;
            default:
                if (input.Answer?.Approved == false)
                {
                    throw StepException.Denied($"AWS Support did not approve case {state.CaseId} ({input.Need}), recorded by {input.Answer.Actor}: {input.Answer.Note}");
                }

                return input.Answer?.Approved == true ? "approvedWaitingForEffect" : state.Status;
        }
    }

    private async Task<CaseDetails?> SupportCaseAsync(string? caseId, CancellationToken ct)
    {
        if (caseId is null)
        {
            return null;
        }

        var cases = await AwsCall.Run("Reading the Support case", () => aws.Support().DescribeCasesAsync(new DescribeCasesRequest
        {
            CaseIdList = [caseId],
            IncludeResolvedCases = true,
            IncludeCommunications = true,
        }, ct)).ConfigureAwait(false);
        return cases.Cases?.FirstOrDefault();
    }

    private async Task<string> LastAwsMessageAsync(string? caseId, CancellationToken ct)
    {
        try
        {
            return Quote(await SupportCaseAsync(caseId, ct).ConfigureAwait(false));
        }
        catch (StepException e)
        {
            // The denial stands without AWS's words; say why they are missing (a missing grant shows here).
            return $" (AWS's reason could not be read: {e.Message})";
        }
    }

    private static string Quote(CaseDetails? details) =>
        details?.RecentCommunications?.Communications?.FirstOrDefault(c => c.SubmittedBy?.Contains("amazon", StringComparison.OrdinalIgnoreCase) == true
                                                                           || c.SubmittedBy?.Contains("aws", StringComparison.OrdinalIgnoreCase) == true)?.Body is { } body
            ? $" AWS wrote: \"{(body.Length > 600 ? body[..600] + "…" : body)}\""
            : string.Empty;
}
