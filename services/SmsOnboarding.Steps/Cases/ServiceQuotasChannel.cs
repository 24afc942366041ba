using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Aws.ServiceQuotas;
using SmsOnboarding.Aws.ServiceQuotas.Model;
using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.Contracts;

namespace SmsOnboarding.Steps.Cases;

/// <summary>
/// Service Quotas RequestServiceQuotaIncrease, the only API AWS documents for limit increases. Quota codes for SMS
/// are not documented, so the quota is found by name at run time (SNS first, then End User Messaging).
/// </summary>
public sealed class ServiceQuotasChannel(IAwsClientFactory aws) : ICaseChannel
{
    private static readonly string[] ServiceCodes = ["sns", "sms-voice"];

    public string Name => CaseChannels.ServiceQuotas;

    public async Task<CaseState?> TryOpenAsync(CaseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Input.Need != Needs.SpendIncrease)
        {
            return null;
        }

        var client = aws.ServiceQuotas(request.Input.Pool.SnsRegion);
        var quota = await FindSpendQuotaAsync(client, cancellationToken).ConfigureAwait(false);
        if (quota is null)
        {
            return null;
        }

        try
        {
            var response = await client.RequestServiceQuotaIncreaseAsync(new RequestServiceQuotaIncreaseRequest
            {
                ServiceCode = quota.ServiceCode,
                QuotaCode = quota.QuotaCode,
                DesiredValue = (double)request.Input.Request.MonthlySpendUsd,
            }, cancellationToken).ConfigureAwait(false);
            return State(request, response.RequestedQuota);
        }
        catch (AwsServiceException e) when (e.Is("ResourceAlreadyExistsException"))
        {
            // A request for this quota is already open (ours from an interrupted attempt, or someone's): watch it.
            return await OpenRequestAsync(client, quota, request, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (!e.IsRetryable)
        {
            // AccessDenied, DependencyAccessDenied, NoSuchResource, IllegalArgument...: not this channel.
            return null;
        }
        catch (AwsServiceException e)
        {
            throw AwsCall.ToStepException("Requesting the SMS spend quota increase", e);
        }
    }

    public async Task<CaseState?> TryRecoverAsync(CaseRequest request, DateTimeOffset startedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Input.Need != Needs.SpendIncrease)
        {
            return null;
        }

        var client = aws.ServiceQuotas(request.Input.Pool.SnsRegion);
        var quota = await FindSpendQuotaAsync(client, cancellationToken).ConfigureAwait(false);
        return quota is null ? null : await OpenRequestAsync(client, quota, request, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<ServiceQuota?> FindSpendQuotaAsync(IAmazonServiceQuotas client, CancellationToken ct)
    {
        foreach (var serviceCode in ServiceCodes)
        {
            List<ServiceQuota> quotas;
            try
            {
                quotas = await client.ListServiceQuotasAllAsync(new ListServiceQuotasRequest { ServiceCode = serviceCode }, ct).ToListAsync(ct).ConfigureAwait(false);
            }
            catch (AwsServiceException e) when (!e.IsRetryable)
            {
                continue;
            }
            catch (AwsServiceException e)
            {
                throw AwsCall.ToStepException("Listing service quotas", e);
            }

            var match = quotas.FirstOrDefault(q => q.Adjustable != false && IsSmsSpendQuota(q.QuotaName));
            if (match is not null)
            {
                return match;
            }
        }

        return null;
    }

    public static bool IsSmsSpendQuota(string? name) =>
        name is not null && name.Contains("spend", StringComparison.OrdinalIgnoreCase)
        && (name.Contains("SMS", StringComparison.OrdinalIgnoreCase) || name.Contains("text message", StringComparison.OrdinalIgnoreCase));

    private static async Task<CaseState?> OpenRequestAsync(IAmazonServiceQuotas client, ServiceQuota quota, CaseRequest request, CancellationToken ct)
    {
        var history = await AwsCall.Run("Listing quota requests", () => client.ListRequestedServiceQuotaChangeHistoryByQuotaAsync(
            new ListRequestedServiceQuotaChangeHistoryByQuotaRequest { ServiceCode = quota.ServiceCode, QuotaCode = quota.QuotaCode }, ct)).ConfigureAwait(false);
        var open = history.RequestedQuotas?.FirstOrDefault(r => r.Status is "PENDING" or "CASE_OPENED");
        return open is null ? null : State(request, open);
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
