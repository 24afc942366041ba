using System.Text.Json;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.Idempotency;

namespace SmsOnboarding.Steps.Cases;

/// <summary>
/// Opens the case for one need through the first channel that works (Service Quotas, Support API, a person),
/// exactly once per execution and need: the key is stored before any channel acts.
/// </summary>
public sealed class CaseRouter(IReadOnlyList<ICaseChannel> channels, IIdempotencyStore store, TimeProvider time)
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
                foreach (var channel in channels)
                {
                    if (await channel.TryOpenAsync(request, cancellationToken).ConfigureAwait(false) is { } opened)
                    {
                        return Serialize(opened);
                    }
                }

                throw StepException.Failed($"No channel could open the {input.Need} case.");
            },
            cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize(json, ContractJson.CaseState)!;
    }

    private static string Serialize(CaseState state) => JsonSerializer.Serialize(state, ContractJson.CaseState);
}
