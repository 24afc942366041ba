using System.Text.Json.Nodes;
using SmsOnboarding.Simulator.Protocol;
using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator.Services.Quotas;

/// <summary>Service Quotas (awsJson1_1, ServiceQuotasV20190624) for sns and sms-voice.</summary>
internal sealed class ServiceQuotasService : IJsonService
{
    public string SigningName => "servicequotas";
    public string TargetPrefix => "ServiceQuotasV20190624";
    public string JsonVersion => "1.1";
    public CommonErrors Errors { get; } = new("TooManyRequestsException", 400, "ServiceException", "UnknownOperationException", "IllegalArgumentException");

    public JsonObject Handle(string operation, JsonObject input, RequestContext context) => operation switch
    {
        "ListServiceQuotas" => List(input, context),
        "GetServiceQuota" => new JsonObject { ["Quota"] = QuotaJson(context, Find(input, context), applied: true) },
        "GetAWSDefaultServiceQuota" => new JsonObject { ["Quota"] = QuotaJson(context, Find(input, context), applied: false) },
        "RequestServiceQuotaIncrease" => RequestIncrease(input, context),
        "GetRequestedServiceQuotaChange" => GetRequest(input, context),
        "ListRequestedServiceQuotaChangeHistoryByQuota" => History(input, context),
        _ => throw new AwsServiceException("UnknownOperationException", $"Unknown operation {operation}."),
    };

    private static JsonObject List(JsonObject input, RequestContext context)
    {
        var serviceCode = Json.ReqString(input, "ServiceCode");
        var quotaCode = Json.OptString(input, "QuotaCode");
        var max = Json.OptInt(input, "MaxResults") ?? 100;
        if (max is < 1 or > 100)
        {
            throw new AwsServiceException("IllegalArgumentException", "MaxResults must be between 1 and 100.");
        }
        var quotas = QuotaCatalog.Listed(context.Account).Where(q => q.ServiceCode == serviceCode && (quotaCode is null || q.QuotaCode == quotaCode)).ToList();
        if (quotas.Count == 0 && QuotaCatalog.All.All(q => q.ServiceCode != serviceCode))
        {
            throw new AwsServiceException("NoSuchResourceException", $"The request failed because the specified service {serviceCode} does not exist.");
        }
        var (page, next) = Paging.Page(quotas, Json.OptString(input, "NextToken"), max);
        var result = new JsonObject { ["Quotas"] = Json.Array(page.Select(q => (JsonNode)QuotaJson(context, q, applied: true))) };
        if (next is not null)
        {
            result["NextToken"] = next;
        }
        return result;
    }

    /// <summary>Service Quotas API reference: a quota the account does not list is NoSuchResourceException.</summary>
    private static QuotaDefinition Find(JsonObject input, RequestContext context)
    {
        var serviceCode = Json.ReqString(input, "ServiceCode");
        var quotaCode = Json.ReqString(input, "QuotaCode");
        return QuotaCatalog.Listed(context.Account).FirstOrDefault(q => q.ServiceCode == serviceCode && q.QuotaCode == quotaCode)
            ?? throw new AwsServiceException("NoSuchResourceException", $"The request failed because the specified service {serviceCode} or quota {quotaCode} does not exist.");
    }

    private static JsonObject RequestIncrease(JsonObject input, RequestContext context)
    {
        var quota = Find(input, context);
        var desired = Json.OptDouble(input, "DesiredValue")
            ?? throw new AwsServiceException("IllegalArgumentException", "1 validation error detected: Value null at 'desiredValue' failed to satisfy constraint: Member must not be null");
        if (!quota.Adjustable)
        {
            throw new AwsServiceException("IllegalArgumentException", $"The quota {quota.QuotaCode} is not adjustable.");
        }
        if (desired is < 0 or > 1e10 || desired <= QuotaCatalog.Value(context.Account, context.Region, quota))
        {
            throw new AwsServiceException("IllegalArgumentException", "The requested value must be greater than the current quota value.");
        }
        var account = context.Account;
        if (account.QuotaRequests.Any(r => r.IsOpen && r.Region == context.Region && r.Quota == quota))
        {
            throw new AwsServiceException("ResourceAlreadyExistsException", "A quota increase request for this quota is already pending.");
        }
        if (Json.OptBool(input, "SupportCaseAllowed") == false)
        {
            throw new AwsServiceException("IllegalArgumentException", "This quota increase needs a Support case; SupportCaseAllowed=false cannot be approved automatically.");
        }
        var scenario = account.CurrentScenario;
        var request = new QuotaRequest
        {
            Id = account.NewId(32, "0123456789abcdef"),
            Region = context.Region,
            Quota = quota,
            DesiredValue = desired,
            Created = context.Now,
            LastUpdated = context.Now,
            Review = scenario.Reviews.QuotaIncrease,
            CaseOpenedAfterHours = scenario.Reviews.QuotaCaseOpenedAfterHours,
        };
        account.QuotaRequests.Add(request);
        QuotaLifecycle.AdvanceAll(account, context.Now);
        return new JsonObject { ["RequestedQuota"] = RequestJson(context, request) };
    }

    private static JsonObject GetRequest(JsonObject input, RequestContext context)
    {
        var id = Json.ReqString(input, "RequestId");
        var request = context.Account.QuotaRequests.FirstOrDefault(r => r.Id == id)
            ?? throw new AwsServiceException("NoSuchResourceException", $"The request {id} does not exist.");
        return new JsonObject { ["RequestedQuota"] = RequestJson(context, request) };
    }

    private static JsonObject History(JsonObject input, RequestContext context)
    {
        var quota = Find(input, context);
        var status = Json.OptString(input, "Status");
        var requests = context.Account.QuotaRequests
            .Where(r => r.Region == context.Region && r.Quota == quota && (status is null || r.Status == status))
            .OrderByDescending(r => r.Created).ToList();
        var (page, next) = Paging.Page(requests, Json.OptString(input, "NextToken"), Json.OptInt(input, "MaxResults") ?? 100);
        var result = new JsonObject { ["RequestedQuotas"] = Json.Array(page.Select(r => (JsonNode)RequestJson(context, r))) };
        if (next is not null)
        {
            result["NextToken"] = next;
        }
        return result;
    }

    private static JsonObject QuotaJson(RequestContext context, QuotaDefinition quota, bool applied) => new()
    {
        ["ServiceCode"] = quota.ServiceCode,
        ["ServiceName"] = quota.ServiceName,
        ["QuotaArn"] = Arn(context.Region, context.Account.AccountId, quota),
        ["QuotaCode"] = quota.QuotaCode,
        ["QuotaName"] = quota.QuotaName,
        ["Value"] = applied ? QuotaCatalog.Value(context.Account, context.Region, quota) : quota.DefaultValue,
        ["Unit"] = quota.Unit,
        ["Adjustable"] = quota.Adjustable,
        ["GlobalQuota"] = quota.GlobalQuota,
        ["QuotaAppliedAtLevel"] = "ACCOUNT",
        ["Description"] = quota.Description,
    };

    private static JsonObject RequestJson(RequestContext context, QuotaRequest request)
    {
        var result = new JsonObject
        {
            ["Id"] = request.Id,
            ["ServiceCode"] = request.Quota.ServiceCode,
            ["ServiceName"] = request.Quota.ServiceName,
            ["QuotaCode"] = request.Quota.QuotaCode,
            ["QuotaName"] = request.Quota.QuotaName,
            ["DesiredValue"] = request.DesiredValue,
            ["Status"] = request.Status,
            ["Created"] = Json.Epoch(request.Created),
            ["LastUpdated"] = Json.Epoch(request.LastUpdated),
            ["Requester"] = $"{{\"accountId\":\"{context.Account.AccountId}\",\"callerArn\":\"{SimulatorCredentials.UserArn}\"}}",
            ["QuotaArn"] = Arn(request.Region, context.Account.AccountId, request.Quota),
            ["GlobalQuota"] = request.Quota.GlobalQuota,
            ["Unit"] = request.Quota.Unit,
            ["QuotaRequestedAtLevel"] = "ACCOUNT",
        };
        if (request.CaseId is not null)
        {
            result["CaseId"] = request.CaseId;
        }
        return result;
    }

    private static string Arn(string region, string accountId, QuotaDefinition quota) =>
        $"arn:aws:servicequotas:{region}:{accountId}:{quota.ServiceCode}/{quota.QuotaCode}";
}
