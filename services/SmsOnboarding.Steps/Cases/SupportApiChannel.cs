using SmsOnboarding.Aws.AWSSupport;
using SmsOnboarding.Aws.AWSSupport.Model;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.Contracts;

namespace SmsOnboarding.Steps.Cases;

/// <summary>
/// The Support API (Business plan and up; Basic accounts get SubscriptionRequiredException → next channel).
/// Service and category codes are discovered with DescribeServices, as its documentation demands.
/// </summary>
public sealed class SupportApiChannel(IAwsClientFactory aws) : ICaseChannel
{
    private static readonly string[] PreferredCategories = ["sns text messaging", "pinpoint sms", "end user messaging sms", "general limits"];

    public string Name => CaseChannels.SupportApi;

    public async Task<CaseState?> TryOpenAsync(CaseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var support = aws.Support();
        try
        {
            var services = await support.DescribeServicesAsync(new DescribeServicesRequest { ServiceCodeList = ["service-limit-increase"], Language = "en" }, cancellationToken).ConfigureAwait(false);
            var service = services.Services?.FirstOrDefault();
            var category = PreferredCategories
                .Select(name => service?.Categories?.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
                .FirstOrDefault(c => c is not null);
            var created = await support.CreateCaseAsync(new CreateCaseRequest
            {
                Subject = request.Subject,
                CommunicationBody = request.Body,
                ServiceCode = service?.Code,
                CategoryCode = category?.Code,
                SeverityCode = "low",
                Language = "en",
            }, cancellationToken).ConfigureAwait(false);
            return State(request, created.CaseId ?? throw StepException.Failed("CreateCase returned no case id."), "opened");
        }
        catch (AwsServiceException e) when (e.Is("SubscriptionRequiredException"))
        {
            return null;
        }
        catch (AwsServiceException e)
        {
            throw AwsCall.ToStepException("Opening an AWS Support case", e);
        }
    }

    public async Task<CaseState?> TryRecoverAsync(CaseRequest request, DateTimeOffset startedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var cases = await aws.Support().DescribeCasesAllAsync(new DescribeCasesRequest
            {
                IncludeResolvedCases = true,
                IncludeCommunications = true,
                AfterTime = startedAt.AddMinutes(-5).UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            }, cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
            var mine = cases.FirstOrDefault(c => c.Subject == request.Subject
                && (c.RecentCommunications?.Communications?.Any(m => m.Body?.Contains(request.Reference, StringComparison.Ordinal) == true) ?? true));
            return mine?.CaseId is { } id ? State(request, id, mine.Status) : null;
        }
        catch (AwsServiceException e) when (e.Is("SubscriptionRequiredException"))
        {
            return null;
        }
        catch (AwsServiceException e)
        {
            throw AwsCall.ToStepException("Looking for the Support case of an interrupted attempt", e);
        }
    }

    private static CaseState State(CaseRequest request, string caseId, string? status) => new(
        request.Input.Need,
        CaseChannels.SupportApi,
        request.Body,
        CaseTexts.SupportCenterLink,
        request.Now,
        CaseId: caseId,
        Status: status,
        NextDelaySeconds: request.Input.Settings.PollInitialSeconds);
}
