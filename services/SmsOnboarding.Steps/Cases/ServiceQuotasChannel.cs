using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Aws.ServiceQuotas;
using SmsOnboarding.Aws.ServiceQuotas.Model;
using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.Contracts;

namespace SmsOnboarding.Steps.Cases;

/// <summary>
/// Service Quotas RequestServiceQuotaIncrease, the only API AWS documents for limit increases, for sandbox exit and
/// spend. AWS documents no quota code for either, and only a quota the account lists can be requested
/// (NoSuchResourceException otherwise), so the quota is found by name at run time (SNS first, then End User Messaging).
/// </summary>
public sealed class ServiceQuotasChannel(IAwsClientFactory aws) : ICaseChannel
{
    private static readonly string[] ServiceCodes = ["sns", "sms-voice"];

    public string Name => CaseChannels.ServiceQuotas;

    public async Task<CaseAttempt> TryOpenAsync(CaseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (DesiredValue(request.Input) is not { } desired)
        {
            return CaseAttempt.NotForThisNeed;
        }

        var client = aws.ServiceQuotas(request.Input.Pool.SnsRegion);
        var (quota, refusals) = await FindQuotaAsync(client, request.Input.Need, cancellationToken).ConfigureAwait(false);
        if (quota is null)
        {
            return refusals.Count > 0
                ? new CaseAttempt(null, refusals[0].HandedOver! with { Reason = string.Join(" ", refusals.Select(r => r.HandedOver!.Reason)) })
                : CaseAttempt.HandOver(Name, $"The account lists no adjustable {request.Input.Need} quota under {string.Join(" or ", ServiceCodes)} in {request.Input.Pool.SnsRegion} (ListServiceQuotas).");
        }

        try
        {
            var response = await client.RequestServiceQuotaIncreaseAsync(new RequestServiceQuotaIncreaseRequest
            {
                ServiceCode = quota.ServiceCode,
                QuotaCode = quota.QuotaCode,
                DesiredValue = desired,
            }, cancellationToken).ConfigureAwait(false);
            return CaseAttempt.Open(State(request, response.RequestedQuota));
        }
        catch (AwsServiceException e) when (e.Is("ResourceAlreadyExistsException"))
        {
            // A request for this quota is already open (ours from an interrupted attempt, or someone's): watch it when it
            // asks enough. Service Quotas takes one open request per quota, so more than it asks is a person's case (decision 0024).
            var open = await OpenRequestAsync(client, quota, cancellationToken).ConfigureAwait(false);
            if (open is null)
            {
                return CaseAttempt.Refused(Name, $"Requesting {quota.QuotaName} ({quota.ServiceCode}/{quota.QuotaCode})", e);
            }

            return open.DesiredValue >= desired
                ? CaseAttempt.Open(State(request, open))
                : CaseAttempt.HandOver(Name, $"Request {open.Id} for {open.DesiredValue} is already open on {quota.QuotaName} ({quota.ServiceCode}/{quota.QuotaCode}), "
                    + $"and Service Quotas takes one open request per quota: asking {desired} needs a case.");
        }
        catch (AwsServiceException e) when (!e.IsRetryable)
        {
            return CaseAttempt.Refused(Name, $"Requesting {quota.QuotaName} ({quota.ServiceCode}/{quota.QuotaCode})", e);
        }
        catch (AwsServiceException e)
        {
            throw AwsCall.ToStepException($"Requesting the {request.Input.Need} quota increase", e);
        }
    }

    public async Task<CaseState?> TryRecoverAsync(CaseRequest request, DateTimeOffset startedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (DesiredValue(request.Input) is not { } desired)
        {
            return null;
        }

        var client = aws.ServiceQuotas(request.Input.Pool.SnsRegion);
        var (quota, _) = await FindQuotaAsync(client, request.Input.Need, cancellationToken).ConfigureAwait(false);
        return quota is not null && await OpenRequestAsync(client, quota, cancellationToken).ConfigureAwait(false) is { } open && open.DesiredValue >= desired
            ? State(request, open)
            : null;
    }

    /// <summary>The value to ask for; null for needs no quota can express (an origination identity).</summary>
    private static double? DesiredValue(CaseInput input) => input.Need switch
    {
        Needs.SpendIncrease => (double)input.Request.MonthlySpendUsd,
        Needs.SandboxExit => 1,
        _ => null,
    };

    private async Task<(ServiceQuota? Quota, List<CaseAttempt> Refusals)> FindQuotaAsync(IAmazonServiceQuotas client, string need, CancellationToken ct)
    {
        var refusals = new List<CaseAttempt>();
        foreach (var serviceCode in ServiceCodes)
        {
            List<ServiceQuota> quotas;
            try
            {
                quotas = await client.ListServiceQuotasAllAsync(new ListServiceQuotasRequest { ServiceCode = serviceCode }, ct).ToListAsync(ct).ConfigureAwait(false);
            }
            catch (AwsServiceException e) when (!e.IsRetryable)
            {
                refusals.Add(CaseAttempt.Refused(Name, $"Listing the {serviceCode} quotas", e));
                continue;
            }
            catch (AwsServiceException e)
            {
                throw AwsCall.ToStepException("Listing service quotas", e);
            }

            var match = quotas.FirstOrDefault(q => q.Adjustable != false && Matches(need, q.QuotaName));
            if (match is not null)
            {
                return (match, refusals);
            }
        }

        return (null, refusals);
    }

    public static bool Matches(string need, string? quotaName) => need switch
    {
        Needs.SpendIncrease => IsSms(quotaName) && quotaName!.Contains("spend", StringComparison.OrdinalIgnoreCase),
        Needs.SandboxExit => IsSms(quotaName) && (quotaName!.Contains("production access", StringComparison.OrdinalIgnoreCase)
                                                   || quotaName.Contains("sandbox", StringComparison.OrdinalIgnoreCase)),
        _ => false,
    };

    private static bool IsSms(string? name) =>
        name is not null && (name.Contains("SMS", StringComparison.OrdinalIgnoreCase) || name.Contains("text message", StringComparison.OrdinalIgnoreCase));

    private static async Task<RequestedServiceQuotaChange?> OpenRequestAsync(IAmazonServiceQuotas client, ServiceQuota quota, CancellationToken ct)
    {
        var history = await AwsCall.Run("Listing quota requests", () => client.ListRequestedServiceQuotaChangeHistoryByQuotaAsync(
            new ListRequestedServiceQuotaChangeHistoryByQuotaRequest { ServiceCode = quota.ServiceCode, QuotaCode = quota.QuotaCode }, ct)).ConfigureAwait(false);
        return history.RequestedQuotas?.FirstOrDefault(r => r.Status is "PENDING" or "CASE_OPENED");
    }

    private static CaseState State(CaseRequest request, RequestedServiceQuotaChange? change) => new(
        request.Input.Need,
        CaseChannels.ServiceQuotas,
        request.Body,
        CaseTexts.SupportCenterLink,
        request.Now,
        CaseId: change?.CaseId,
        QuotaRequestId: change?.Id ?? throw StepException.Failed("RequestServiceQuotaIncrease returned no request id."),
        Status: change.Status,
        NextDelaySeconds: request.Input.Settings.PollInitialSeconds);
}
