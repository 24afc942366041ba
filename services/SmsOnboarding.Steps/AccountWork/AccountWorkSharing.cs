using SmsOnboarding.Steps.Cases;
using SmsOnboarding.Steps.Contracts;

namespace SmsOnboarding.Steps.AccountWork;

/// <summary>
/// Who files the account's request for a need and who waits on it (decision 0024). The owner opens the case as
/// before; a joiner gets a case state on the <see cref="CaseChannels.Joined"/> channel, which the ASL sends straight
/// to the review wait (no filing task for a case someone else files), and CheckCase watches the effect in AWS.
/// </summary>
public sealed class AccountWorkSharing(IAccountWorkStore store, TimeProvider time)
{
    public static string KeyOf(CaseInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return AccountWorkKeys.For(input.Pool.AccountId, input.Pool.SnsRegion, input.Need,
            input.Need == Needs.Origination ? input.Request.OriginationType.ToString() : null);
    }

    /// <summary>Null when this execution owns the work (it opens the case); else the joined case state.</summary>
    public async Task<CaseState?> JoinUnlessOwnerAsync(CaseInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = time.GetUtcNow();
        var amount = input.Need == Needs.SpendIncrease ? input.Request.MonthlySpendUsd : 0m;
        var inForce = await store.ClaimOrJoinAsync(KeyOf(input), new AccountWorkRecord(input.ExecutionArn, amount, now), cancellationToken).ConfigureAwait(false);
        if (inForce.OwnerExecutionArn == input.ExecutionArn)
        {
            return null;
        }

        return new CaseState(
            input.Need,
            CaseChannels.Joined,
            WaitingText(input, inForce),
            CaseTexts.SupportCenterLink,
            now,
            Status: "waitingOnShared",
            NextDelaySeconds: input.Settings.PollInitialSeconds,
            WaitingOn: inForce.OwnerOnboarding);
    }

    /// <summary>For a joiner whose effect has not appeared: fails it when the work it waits on ended without it.</summary>
    public async Task ThrowIfSharedWorkEndedAsync(CaseInput input, CaseState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(state);
        var work = await store.GetAsync(KeyOf(input), cancellationToken).ConfigureAwait(false);
        if (work is null || work.IsOpen || work.Outcome == AccountWorkRecord.Satisfied)
        {
            return;
        }

        var message = $"The {input.Need} request this onboarding waited on (opened for {work.OwnerOnboarding}) ended {work.Outcome}: {work.Reason}";
        throw work.Outcome == AccountWorkRecord.Denied ? StepException.Denied(message) : StepException.Failed(message);
    }

    /// <summary>The owner's case ended: later onboardings stop waiting on it, and a new need opens new work.</summary>
    public Task EndAsync(CaseInput input, string outcome, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return store.EndAsync(KeyOf(input), input.ExecutionArn, outcome, reason, time.GetUtcNow(), cancellationToken);
    }

    private static string WaitingText(CaseInput input, AccountWorkRecord work)
    {
        var what = input.Need switch
        {
            Needs.SandboxExit => "sandbox case",
            Needs.SpendIncrease => $"spend request (for {work.Amount:0.##} USD a month)",
            _ => $"{input.Request.OriginationType} origination case",
        };
        return $"Waiting on the {what} opened for {work.OwnerOnboarding} in account {input.Pool.AccountId}, {input.Pool.SnsRegion}: "
            + "AWS's decision applies to the whole account and Region, so this onboarding files nothing of its own.";
    }
}
