using System.Text.RegularExpressions;
using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Domain.Lifecycle;
using SmsOnboarding.Domain.Regions;
using SmsOnboarding.Domain.Requests;
using SmsOnboarding.Steps.AccountWork;

namespace SmsOnboarding.Api.Accounts;

/// <summary>Where the Accounts view reads from: live facts, and the open account-level work (null: this host keeps none).</summary>
public sealed record AccountSources(IAccountFacts Facts, IAccountWorkStore? Work);

/// <summary>
/// Builds the ops' Accounts view from the stores (onboardings by account and SNS Region, open account work) and the
/// live facts of each row. A fact or a list that cannot be read is shown as unknown with its reason, never a failure.
/// </summary>
public sealed partial class AccountsService(IOnboardingStore store, AccountSources sources)
{
    public async Task<Onboardings.Outcome<AccountsAnswer>> ReadAsync(string? account, string? snsRegion, CancellationToken cancellationToken)
    {
        if (account is not null && !AccountIdFormat().IsMatch(account))
        {
            return Onboardings.Outcome<AccountsAnswer>.Fail(400, "invalidQuery", "account must be a 12-digit AWS account id.");
        }
        if (snsRegion is not null && !RegionTable.IsKnownRegion(snsRegion))
        {
            return Onboardings.Outcome<AccountsAnswer>.Fail(400, "invalidQuery", $"snsRegion must be an AWS Region code such as us-east-1 (see GET /api/schema or `smsonboard regions`).");
        }
        var counts = await store.CountByAccountAsync(cancellationToken).ConfigureAwait(false);
        var (work, workUnknown) = await OpenWorkAsync(cancellationToken).ConfigureAwait(false);
        var keys = counts.Select(c => (c.AccountId, c.SnsRegion)).Concat(work.Select(w => (w.AccountId, w.SnsRegion))).ToHashSet();
        // Asked for one account and Region: its facts are shown even before anything was onboarded there.
        if (account is not null && snsRegion is not null)
        {
            keys.Add((account, snsRegion));
        }
        var wanted = keys.Where(k => (account is null || k.AccountId == account) && (snsRegion is null || k.SnsRegion == snsRegion))
            .OrderBy(k => k.AccountId, StringComparer.Ordinal).ThenBy(k => k.SnsRegion, StringComparer.Ordinal).ToList();
        var waiting = work.Count == 0 ? [] : await store.ActiveAsync(cancellationToken).ConfigureAwait(false);
        var rows = await Task.WhenAll(wanted.Select(async key =>
        {
            var facts = await sources.Facts.ReadAsync(key.AccountId, key.SnsRegion, cancellationToken).ConfigureAwait(false);
            var here = counts.Where(c => c.AccountId == key.AccountId && c.SnsRegion == key.SnsRegion).ToDictionary(c => c.Status.ToWire(), c => c.Count);
            var open = work.Where(w => w.AccountId == key.AccountId && w.SnsRegion == key.SnsRegion)
                .Select(w => OpenWork(w, waiting)).ToList();
            return new AccountRow(key.AccountId, key.SnsRegion, here, facts.InSandbox, facts.SpendLimitUsd, facts.ApprovedSpendQuotaUsd,
                facts.OriginationIdentities, open);
        })).ConfigureAwait(false);
        return Onboardings.Outcome<AccountsAnswer>.Success(new AccountsAnswer(rows, workUnknown));
    }

    private async Task<(IReadOnlyList<AccountWorkEntry> Work, string? Unknown)> OpenWorkAsync(CancellationToken cancellationToken)
    {
        if (sources.Work is null)
        {
            return ([], "this host keeps no account-level work");
        }
        try
        {
            return (await sources.Work.OpenAsync(cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A table the API's role may not scan still leaves the rest of the view readable.
            return ([], e.Message);
        }
    }

    // Onboardings of the account and Region that wait on AWS while another filed the request (the joiners, decision 0024).
    private static OpenWorkView OpenWork(AccountWorkEntry entry, IReadOnlyList<OnboardingRecord> active) =>
        new(entry.Need, entry.Kind, entry.Work.OwnerOnboarding, entry.Work.Amount, entry.Work.OpenedAt,
            [.. active.Where(r => r.AccountId == entry.AccountId && r.SnsRegion == entry.SnsRegion && r.Id != entry.Work.OwnerOnboarding
                    && r.Status == OnboardingStatus.WaitingOnAws)
                .OrderBy(r => r.CreatedAt).Select(r => r.Id)]);

    [GeneratedRegex(RequestFields.AccountIdPattern, RegexOptions.CultureInvariant)]
    private static partial Regex AccountIdFormat();
}
