using System.Text.Json;
using SmsOnboarding.Steps.AccountWork;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.Idempotency;

namespace SmsOnboarding.Steps.Cases;

/// <summary>
/// Opens the case for one need through the first channel that takes it (Service Quotas, then a person), exactly
/// once per execution and need: the key is stored before any channel acts. Each channel that hands the case over
/// leaves its reason on the case state, so the onboarding shows why a person was asked. When another onboarding in
/// the same account and SNS Region already holds the work for the need, this one joins it instead (decision 0024).
/// </summary>
public sealed class CaseRouter(IReadOnlyList<ICaseChannel> channels, IIdempotencyStore store, AccountWorkSharing sharing, TimeProvider time)
{
    public async Task<CaseState> OpenAsync(CaseInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var key = IdempotencyKeys.For(input.ExecutionArn, OpenCase.OpenCaseStep.Name, input.Need);
        var reference = IdempotencyKeys.Reference(key);
        var request = new CaseRequest(input, reference, CaseTexts.Subject(input.Need, input.Pool),
            CaseTexts.Body(input.Need, input.Request, input.Pool, reference), time.GetUtcNow());

        var json = await store.RunAsync(key, time,
            async startedAt =>
            {
                foreach (var channel in channels)
                {
                    if (await channel.TryRecoverAsync(request, startedAt, cancellationToken).ConfigureAwait(false) is { } found)
                    {
                        return Serialize(found);
                    }
                }

                return null;
            },
            async () =>
            {
                if (await sharing.JoinUnlessOwnerAsync(input, cancellationToken).ConfigureAwait(false) is { } joined)
                {
                    return Serialize(joined);
                }

                var handovers = new List<CaseHandover>();
                foreach (var channel in channels)
                {
                    var attempt = await channel.TryOpenAsync(request, cancellationToken).ConfigureAwait(false);
                    if (attempt.Opened is { } opened)
                    {
                        return Serialize(handovers.Count == 0 ? opened : opened with { Handovers = handovers });
                    }

                    if (attempt.HandedOver is { } handover)
                    {
                        handovers.Add(handover);
                    }
                }

                throw StepException.Failed($"No channel could open the {input.Need} case: "
                    + string.Join("; ", handovers.Select(h => $"{h.Channel}: {h.Reason}")));
            },
            cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize(json, ContractJson.CaseState)!;
    }

    private static string Serialize(CaseState state) => JsonSerializer.Serialize(state, ContractJson.CaseState);
}
