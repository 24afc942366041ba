using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SmsOnboarding.Api.Auth;
using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Domain.Lifecycle;
using SmsOnboarding.Domain.Planning;
using SmsOnboarding.Domain.Requests;
using SmsOnboarding.Steps;

namespace SmsOnboarding.Api.Onboardings;

/// <summary>
/// Use cases of onboardings: validate and plan, submit (idempotent by request id), list, show, history,
/// cancel and redrive, each with the authorization rules of the product (requesters see their own, ops all).
/// </summary>
public sealed partial class OnboardingService(
    IOnboardingStore store,
    IOnboardingRuntime runtime,
    OnboardingStatusFeed feed,
    IFactsProbe facts,
    OnboardingAuthorizer authorizer,
    ServiceAccount serviceAccount,
    TimeProvider time,
    ILogger<OnboardingService> logger)
{
    public const int MaxPageSize = 200;

    /// <summary>How long a stored onboarding may be without its execution before a read starts it (see StartStrandedAsync).</summary>
    public static readonly TimeSpan StartGrace = TimeSpan.FromMinutes(1);
    public static readonly ActivitySource Activity = new("SmsOnboarding.Api");
    public static readonly Meter Meter = new("SmsOnboarding.Api");
    private static readonly Counter<long> Submitted = Meter.CreateCounter<long>("smsonboarding.onboardings.submitted");

    private readonly Lazy<WorkflowMap> _map = new(() => WorkflowMap.Parse(runtime.DefinitionJson));

    public WorkflowMap Map => _map.Value;

    public async Task<Outcome<DryRunAnswer>> DryRunAsync(ApiUser caller, JsonNode? body, CancellationToken cancellationToken)
    {
        var result = OnboardingRequestValidator.Validate(body);
        if (!result.IsValid)
        {
            return Outcome<DryRunAnswer>.Success(new DryRunAnswer(false, [.. result.Problems], null));
        }
        var request = result.Request!;
        if (await authorizer.RefusalAsync(caller, OnboardingOperation.Plan, Parties(request)).ConfigureAwait(false) is { } notTeams)
        {
            return OutsideTeam<DryRunAnswer>(notTeams);
        }
        var observed = await facts.ObserveAsync(request, cancellationToken).ConfigureAwait(false);
        var unrunnable = ObservedProblems.For(request, observed);
        return Outcome<DryRunAnswer>.Success(unrunnable.Count > 0
            ? new DryRunAnswer(false, [.. unrunnable], null)
            : new DryRunAnswer(true, [], OnboardingPlanner.Plan(request, observed)));
    }

    /// <summary>The account the request's pool is in: the one it names, or the service's own.</summary>
    public string AccountOf(OnboardingRequest request) => request.AccountId ?? serviceAccount.Id;

    private OnboardingParties Parties(OnboardingRequest request) =>
        new(request.RequestId ?? "(new)", request.Requester, request.Approvers, request.Team, AccountOf(request));

    /// <summary>A 403 whose problem names the account (and, in the message, the team) the caller may not act for.</summary>
    private static Outcome<T> OutsideTeam<T>(string refusal) =>
        Outcome<T>.Fail(403, "forbidden", refusal, [new ValidationProblem(RequestFields.AccountId.Name, "accountNotAllowed", refusal)]);

    public async Task<Outcome<SubmitAnswer>> SubmitAsync(ApiUser caller, JsonNode? body, CancellationToken cancellationToken)
    {
        using var activity = Activity.StartActivity("onboarding.submit");
        if (await authorizer.RefusalAsync(caller, Policies.Submitter).ConfigureAwait(false) is { } notSubmitter)
        {
            return Outcome<SubmitAnswer>.Fail(403, "forbidden", notSubmitter);
        }
        var result = OnboardingRequestValidator.Validate(body);
        if (!result.IsValid)
        {
            return Outcome<SubmitAnswer>.Fail(400, "invalidRequest", NotValid(result.Problems), [.. result.Problems]);
        }
        var request = result.Request!;
        if (await authorizer.RefusalAsync(caller, OnboardingOperation.Submit, Parties(request)).ConfigureAwait(false) is { } refusal)
        {
            return string.Equals(request.Requester, caller.Name, StringComparison.Ordinal)
                ? OutsideTeam<SubmitAnswer>(refusal)
                : Outcome<SubmitAnswer>.Fail(403, "forbidden", refusal);
        }

        var observed = await facts.ObserveAsync(request, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var json = OnboardingJson.Serialize(request);
        var candidate = new OnboardingRecord(
            Id: NewId(), RequestId: request.RequestId, Requester: request.Requester, Approvers: request.Approvers,
            Team: request.Team, Pool: request.UserPoolId, Status: OnboardingStatus.Submitted, ExecutionArn: null,
            Plan: OnboardingPlanner.Plan(request, observed), RequestJson: json, CreatedAt: now, UpdatedAt: now,
            AccountId: AccountOf(request), SnsRegion: request.ResolvedSnsRegion);
        var added = await store.AddAsync(candidate, cancellationToken).ConfigureAwait(false);
        if (added.PoolBusy)
        {
            return Outcome<SubmitAnswer>.Fail(409, "poolBusy", PoolBusy(request.UserPoolId, added.Record));
        }
        var (record, created) = added;
        if (!created && !string.Equals(record.RequestJson, json, StringComparison.Ordinal))
        {
            return Outcome<SubmitAnswer>.Fail(409, "requestIdConflict",
                $"requestId '{request.RequestId}' was already used for a different request (onboarding {record.Id}); use a new requestId.");
        }
        if (!created && record.ExecutionArn is not null)
        {
            return Outcome<SubmitAnswer>.Success(new SubmitAnswer(record.Id, record.Status, record.RequestId, Created: false), 202);
        }

        // New, or a replay of a submit whose start did not get through: (re)start. Starting is idempotent by name.
        try
        {
            var started = await StartExecutionAsync(record, cancellationToken).ConfigureAwait(false);
            Submitted.Add(1, new KeyValuePair<string, object?>("team", record.Team));
            logger.LogInformation("Onboarding {OnboardingId} for pool {Pool} started by {Requester} as {ExecutionArn}", record.Id, record.Pool, caller.Name, started.ExecutionArn);
            return Outcome<SubmitAnswer>.Success(new SubmitAnswer(record.Id, started.Status, record.RequestId, created), 202);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Onboarding {OnboardingId} was stored but its execution did not start", record.Id);
            return Outcome<SubmitAnswer>.Fail(503, "startFailed",
                $"Onboarding {record.Id} is stored but the workflow did not start ({e.Message}); submit the same body again to retry.");
        }
    }

    /// <summary>A plain read of the store: statuses are kept current by the execution events (<see cref="OnboardingStatusFeed"/>).</summary>
    public async Task<Outcome<OnboardingListAnswer>> ListAsync(ApiUser caller, string? status, string? team, string? pool, string? account, string? cursor, int? limit,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (account is not null && !AccountIdFormat().IsMatch(account))
        {
            return Outcome<OnboardingListAnswer>.Fail(400, "invalidQuery", "account must be a 12-digit AWS account id.");
        }
        OnboardingStatus? wanted = null;
        if (status is not null)
        {
            if (!OnboardingStatusNames.TryParse(status, out var parsed))
            {
                return Outcome<OnboardingListAnswer>.Fail(400, "invalidQuery",
                    $"status '{status}' is not one of submitted, running, waitingOnAws, waitingOnPeople, finalizing, completed, failed, cancelled.");
            }
            wanted = parsed;
        }
        var take = limit ?? 50;
        if (take is < 1 or > MaxPageSize)
        {
            return Outcome<OnboardingListAnswer>.Fail(400, "invalidQuery", $"limit must be 1..{MaxPageSize}.");
        }
        OnboardingCursor? after = null;
        if (cursor is not null && !OnboardingCursor.TryDecode(cursor, out after))
        {
            return Outcome<OnboardingListAnswer>.Fail(400, "invalidQuery", "cursor is not one this API handed out: pass a previous page's nextCursor unchanged.");
        }
        // Who cannot read every onboarding sees their own and, in a team, their team's (the Read rule, as a store filter).
        var requester = await authorizer.AllowsAsync(caller, Policies.ReadsEveryOnboarding).ConfigureAwait(false) ? null : caller.Name;
        var query = new OnboardingQuery(wanted, team, pool, requester, after, take, account, requester is null ? null : caller.Team);
        var page = await store.QueryAsync(query, cancellationToken).ConfigureAwait(false);
        var items = page.Items.Select(r => new OnboardingSummary(r.Id, r.RequestId, r.Requester, r.Team, r.Pool, r.Status,
            r.Progress.CurrentStep(Map), r.Progress.CurrentStepSince(Map), r.ExecutionArn, r.CreatedAt, r.UpdatedAt, r.Failure, r.AccountId)).ToList();
        return Outcome<OnboardingListAnswer>.Success(new OnboardingListAnswer(items, page.Total, page.Next?.Encode(), take));
    }

    /// <summary>Status and current step from the store; the timeline from the execution's history.</summary>
    public async Task<Outcome<OnboardingDetail>> GetAsync(ApiUser caller, string id, CancellationToken cancellationToken)
    {
        var found = await FindVisibleAsync(caller, id, cancellationToken).ConfigureAwait(false);
        if (!found.Ok)
        {
            return found.As<OnboardingDetail>();
        }
        var record = await StartIfStrandedAsync(found.Value!, StartGrace, cancellationToken).ConfigureAwait(false);
        var history = record.ExecutionArn is null ? [] : await runtime.HistoryAsync(record.ExecutionArn, cancellationToken).ConfigureAwait(false);
        // The history read for the timeline also repairs a record that missed events (on AWS, where no state events
        // arrive, it is how the current step is learnt); a record that is up to date is not written.
        if (record.ExecutionArn is not null && history.Count > 0 && history[^1].Id > record.Version)
        {
            await feed.ApplyAsync(record.ExecutionArn, history, cancellationToken).ConfigureAwait(false);
            record = await store.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? record;
        }
        var ending = record.ExecutionArn is null ? null : ExecutionProgress.Ending(record.ExecutionArn, history);
        return Outcome<OnboardingDetail>.Success(Detail(record, ExecutionProgress.Timeline(history, ending), ending, ExecutionProgress.Output(history),
            ExecutionProgress.Cases(history)));
    }

    public async Task<Outcome<HistoryAnswer>> HistoryAsync(ApiUser caller, string id, CancellationToken cancellationToken)
    {
        var found = await FindVisibleAsync(caller, id, cancellationToken).ConfigureAwait(false);
        if (!found.Ok)
        {
            return found.As<HistoryAnswer>();
        }
        var record = found.Value!;
        var events = record.ExecutionArn is null ? [] : await runtime.HistoryAsync(record.ExecutionArn, cancellationToken).ConfigureAwait(false);
        if (!await authorizer.AllowsAsync(caller, OnboardingOperation.SeeSecrets, record.Parties()).ConfigureAwait(false))
        {
            events = SecretRedaction.Redact(events);
        }
        return Outcome<HistoryAnswer>.Success(new HistoryAnswer(record.Id, record.ExecutionArn, events));
    }

    /// <summary>Ops cancel anything; a requester may withdraw their own onboarding.</summary>
    public async Task<Outcome<SubmitAnswer>> CancelAsync(ApiUser caller, string id, CancellationToken cancellationToken)
    {
        var found = await FindVisibleAsync(caller, id, cancellationToken).ConfigureAwait(false);
        if (!found.Ok)
        {
            return found.As<SubmitAnswer>();
        }
        var record = found.Value!;
        if (await authorizer.RefusalAsync(caller, OnboardingOperation.Cancel, record.Parties()).ConfigureAwait(false) is { } refusal)
        {
            return Outcome<SubmitAnswer>.Fail(403, "forbidden", refusal);
        }
        if (!new OnboardingLifecycle(record.Status).CanFire(OnboardingTrigger.Cancel))
        {
            return Outcome<SubmitAnswer>.Fail(409, "notRunning", $"Onboarding {id} is {record.Status.ToWire()}: it can no longer be cancelled.");
        }
        if (record.ExecutionArn is not null)
        {
            try
            {
                await runtime.StopAsync(record.ExecutionArn, $"cancelled by {caller.Name}", cancellationToken).ConfigureAwait(false);
            }
            catch (RuntimeConflictException e)
            {
                return Outcome<SubmitAnswer>.Fail(409, "notRunning", e.Message);
            }
        }
        var cancelled = await ChangeStatusAsync(id, l => l.TryFire(OnboardingTrigger.Cancel), (_, _) => $"cancelled by {caller.Name}", cancellationToken).ConfigureAwait(false);
        if (cancelled.Status != OnboardingStatus.Cancelled)
        {
            return Outcome<SubmitAnswer>.Fail(409, "notRunning", $"Onboarding {id} became {cancelled.Status.ToWire()} before it could be cancelled.");
        }
        logger.LogInformation("Onboarding {OnboardingId} cancelled by {Actor}", id, caller.Name);
        return Outcome<SubmitAnswer>.Success(new SubmitAnswer(id, cancelled.Status, record.RequestId, false));
    }

    public async Task<Outcome<SubmitAnswer>> RedriveAsync(ApiUser caller, string id, CancellationToken cancellationToken)
    {
        var found = await FindVisibleAsync(caller, id, cancellationToken).ConfigureAwait(false);
        if (!found.Ok)
        {
            return found.As<SubmitAnswer>();
        }
        if (await authorizer.RefusalAsync(caller, OnboardingOperation.Redrive, found.Value!.Parties()).ConfigureAwait(false) is { } refusal)
        {
            return Outcome<SubmitAnswer>.Fail(403, "forbidden", refusal);
        }
        if (!new OnboardingLifecycle(found.Value!.Status).CanFire(OnboardingTrigger.Redrive) || found.Value.ExecutionArn is null)
        {
            return Outcome<SubmitAnswer>.Fail(409, "notFailed", $"Onboarding {id} is {found.Value.Status.ToWire()}: only failed onboardings can be redriven.");
        }
        // The pool is taken back before the execution moves, so a redrive never runs beside another onboarding of the pool.
        var held = await HoldPoolAgainAsync(id, cancellationToken).ConfigureAwait(false);
        if (!held.Ok)
        {
            return held.As<SubmitAnswer>();
        }
        try
        {
            await runtime.RedriveAsync(found.Value.ExecutionArn, cancellationToken).ConfigureAwait(false);
        }
        catch (RuntimeConflictException e)
        {
            await ChangeStatusAsync(id, l => l.TryFire(OnboardingTrigger.Fail), (_, _) => found.Value.Failure, cancellationToken).ConfigureAwait(false);
            return Outcome<SubmitAnswer>.Fail(409, "notRedrivable", e.Message);
        }
        logger.LogInformation("Onboarding {OnboardingId} redriven by {Actor}", id, caller.Name);
        return Outcome<SubmitAnswer>.Success(new SubmitAnswer(id, held.Value!.Status, found.Value.RequestId, false));
    }

    private async Task<Outcome<OnboardingRecord>> HoldPoolAgainAsync(string id, CancellationToken cancellationToken)
    {
        while (true)
        {
            var record = await store.GetAsync(id, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Onboarding {id} vanished from the store.");
            var lifecycle = new OnboardingLifecycle(record.Status);
            if (!lifecycle.TryFire(OnboardingTrigger.Redrive))
            {
                return Outcome<OnboardingRecord>.Fail(409, "notFailed", $"Onboarding {id} is {record.Status.ToWire()}: only failed onboardings can be redriven.");
            }
            if (await store.PoolHolderAsync(record.Pool, id, cancellationToken).ConfigureAwait(false) is { } holder)
            {
                return Outcome<OnboardingRecord>.Fail(409, "poolBusy", PoolBusy(record.Pool, holder));
            }
            // False when a submit for the pool or another change got in first: the next round finds out which.
            if (await store.TransitionAsync(id, record.Status, lifecycle.Status, null, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
            {
                return Outcome<OnboardingRecord>.Success(record with { Status = lifecycle.Status, Failure = null });
            }
        }
    }

    private static string PoolBusy(string pool, OnboardingRecord holder) =>
        $"Pool {pool} already has an onboarding in progress: {holder.Id} ({holder.Status.ToWire()}, requested by {holder.Requester}). " +
        "Only one onboarding per pool runs at a time; wait for it to end, or cancel it.";

    /// <summary>The record, if the caller may see it (approvers see what they may act on: everything).</summary>
    public async Task<Outcome<OnboardingRecord>> FindVisibleAsync(ApiUser caller, string id, CancellationToken cancellationToken)
    {
        var record = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return Outcome<OnboardingRecord>.Fail(404, "notFound", $"There is no onboarding '{id}'.");
        }
        if (await authorizer.RefusalAsync(caller, OnboardingOperation.Read, record.Parties()).ConfigureAwait(false) is { } refusal)
        {
            return Outcome<OnboardingRecord>.Fail(403, "forbidden", refusal);
        }
        return Outcome<OnboardingRecord>.Success(record);
    }

    public Task<OnboardingRecord?> RecordAsync(string id, CancellationToken cancellationToken) => store.GetAsync(id, cancellationToken);

    /// <summary>
    /// Starts every onboarding a crash left stored without its execution. The serve host calls it at startup with no
    /// grace (no submit of this process can be half done yet); a detail read does it for its one record with
    /// <see cref="StartGrace"/>. Statuses of records that have an execution are the status feed's work.
    /// </summary>
    public async Task<int> StartStrandedAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        var started = 0;
        foreach (var record in await store.ActiveAsync(cancellationToken).ConfigureAwait(false))
        {
            started += (await StartIfStrandedAsync(record, grace, cancellationToken).ConfigureAwait(false)).ExecutionArn != record.ExecutionArn ? 1 : 0;
        }
        return started;
    }

    /// <summary>
    /// A record left without an execution (the process died between storing it and starting it) is started now,
    /// as its submit would have been: the request was valid and stored, and starting is idempotent by name, so an
    /// execution that did start before the crash is found instead of started twice. The grace keeps a read from
    /// racing a submit that is between those two steps right now.
    /// </summary>
    private async Task<OnboardingRecord> StartIfStrandedAsync(OnboardingRecord record, TimeSpan grace, CancellationToken cancellationToken)
    {
        if (record.ExecutionArn is not null || record.Status != OnboardingStatus.Submitted || time.GetUtcNow() - record.CreatedAt < grace)
        {
            return record;
        }
        try
        {
            var started = await StartExecutionAsync(record, cancellationToken).ConfigureAwait(false);
            logger.LogWarning("Onboarding {OnboardingId} had no execution (its submit was cut short); started it as {ExecutionArn}", record.Id, started.ExecutionArn);
            return started;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Onboarding {OnboardingId} has no execution and it could not be started; the next read tries again", record.Id);
            return record;
        }
    }

    private async Task<OnboardingRecord> StartExecutionAsync(OnboardingRecord record, CancellationToken cancellationToken)
    {
        var arn = await runtime.StartAsync(record.Id, record.RequestJson, cancellationToken).ConfigureAwait(false);
        await store.AttachExecutionAsync(record.Id, arn, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var started = await ChangeStatusAsync(record.Id, l => l.TryFire(OnboardingTrigger.Start), (r, _) => r.Failure, cancellationToken).ConfigureAwait(false);
        return started with { ExecutionArn = arn };
    }

    /// <summary>
    /// Every status change: the lifecycle moves from the stored status (it never restates its rules here), and the
    /// store writes the result only if that status is still the stored one; otherwise read again and decide again.
    /// </summary>
    private async Task<OnboardingRecord> ChangeStatusAsync(string id, Action<OnboardingLifecycle> move, Func<OnboardingRecord, OnboardingStatus, string?> failure, CancellationToken cancellationToken)
    {
        while (true)
        {
            var record = await store.GetAsync(id, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Onboarding {id} vanished from the store.");
            var lifecycle = new OnboardingLifecycle(record.Status);
            move(lifecycle);
            var newFailure = failure(record, lifecycle.Status);
            if (lifecycle.Status == record.Status && newFailure == record.Failure)
            {
                return record;
            }
            if (await store.TransitionAsync(id, record.Status, lifecycle.Status, newFailure, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
            {
                return record with { Status = lifecycle.Status, Failure = newFailure };
            }
        }
    }

    private OnboardingDetail Detail(OnboardingRecord record, IReadOnlyList<TimelineEntry> timeline, ExecutionSnapshot? ending, JsonNode? result,
        IReadOnlyList<CaseView> cases)
    {
        var failure = ending is { State: not ExecutionState.Succeeded } && (ending.Error ?? ending.Cause) is not null
            ? new FailureView(ending.Error, ending.Cause)
            : record.Failure is null ? null : new FailureView(null, record.Failure);
        var progress = record.Progress;
        return new OnboardingDetail(record.Id, record.RequestId, record.Requester, record.Approvers, record.Team, record.Pool, record.Status,
            progress.CurrentStep(Map), [.. progress.OpenStates.Select(s => s.Name).Distinct(StringComparer.Ordinal)], progress.CurrentStepSince(Map),
            record.ExecutionArn, record.Plan, timeline, failure, record.CreatedAt, JsonNode.Parse(record.RequestJson), result, cases, record.AccountId);
    }

    // Read on its own (a log line, a client that shows only the message), it still says what to fix first.
    private static string NotValid(IReadOnlyList<ValidationProblem> problems)
    {
        var more = problems.Count switch
        {
            1 => "",
            2 => " (and 1 more problem)",
            var n => $" (and {n - 1} more problems)",
        };
        return $"The request is not valid: {problems[0].Message}{more} Nothing was started.";
    }

    private static string NewId() => "onb-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    [System.Text.RegularExpressions.GeneratedRegex(RequestFields.AccountIdPattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex AccountIdFormat();
}
