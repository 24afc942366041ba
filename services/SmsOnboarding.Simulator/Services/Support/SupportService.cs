using System.Text.Json.Nodes;
using SmsOnboarding.Simulator.Protocol;
using SmsOnboarding.Simulator.Scenarios;
using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator.Services.Support;

/// <summary>AWS Support (awsJson1_1, AWSSupport_20130415). Needs a Business or higher support plan.</summary>
internal sealed class SupportService : IJsonService
{
    public string SigningName => "support";
    public string TargetPrefix => "AWSSupport_20130415";
    public string JsonVersion => "1.1";
    public CommonErrors Errors { get; } = new("ThrottlingException", 400, "InternalServerError", "UnknownOperationException", "ValidationException");

    public JsonObject Handle(string operation, JsonObject input, RequestContext context)
    {
        // The Support API has one endpoint in the aws partition, signed for us-east-1 (AWS-FACTS A).
        if (context.Region != "us-east-1")
        {
            throw new AwsServiceException("InvalidSignatureException", $"Credential should be scoped to a valid region, not '{context.Region}'.", 403);
        }
        var plan = context.Account.CurrentScenario.SupportPlan;
        if (plan is SupportPlan.Basic or SupportPlan.Developer)
        {
            throw new AwsServiceException("SubscriptionRequiredException", "AWS Premium Support Subscription is required to use this service.");
        }
        return operation switch
        {
            "CreateCase" => CreateCase(input, context, plan),
            "DescribeCases" => DescribeCases(input, context),
            "AddCommunicationToCase" => AddCommunication(input, context),
            "DescribeServices" => DescribeServices(input),
            "DescribeSeverityLevels" => new JsonObject
            {
                ["severityLevels"] = Json.Array(ServiceCatalog.Severities(plan).Select(code => (JsonNode)new JsonObject
                {
                    ["code"] = code,
                    ["name"] = char.ToUpperInvariant(code[0]) + code[1..],
                })),
            },
            _ => throw new AwsServiceException("UnknownOperationException", $"Unknown operation {operation}."),
        };
    }

    /// <summary>The service code DescribeServices lists for the console's "Service limit increase" case type.</summary>
    private const string LimitIncreaseService = "service-limit-increase";

    /// <summary>The CreateCase reference's own words, so whoever reads the error knows where to go instead.</summary>
    public const string LimitIncreaseRefusal =
        "The AWS Support API doesn't support requesting service limit increases. You can submit a service limit increase "
        + "from the AWS Support Center Create Case page (https://console.aws.amazon.com/support/home#/case/create), "
        + "or use the Service Quotas RequestServiceQuotaIncrease operation.";

    private static JsonObject CreateCase(JsonObject input, RequestContext context, SupportPlan plan)
    {
        var subject = Json.ReqString(input, "subject");
        var body = Json.ReqString(input, "communicationBody");
        // Support API reference, CreateCase: "The Amazon Web Services Support API doesn't support requesting service
        // limit increases." A limit increase is the console's case type or any case asking for one (sandbox exit, spend,
        // an origination identity are all "Service limit increase" requests in AWS's SMS guides). Which error AWS answers
        // is not documented: CaseCreationLimitExceeded is a guess (the only client error the model gives CreateCase).
        if (Json.OptString(input, "serviceCode") == LimitIncreaseService || CaseClassifier.Classify(subject, body).Count > 0)
        {
            throw new AwsServiceException("CaseCreationLimitExceeded", LimitIncreaseRefusal);
        }
        if (body.Length > 8000)
        {
            throw new AwsServiceException("ValidationException", "1 validation error detected: Value at 'communicationBody' failed to satisfy constraint: Member must have length less than or equal to 8000");
        }
        var serviceCode = Json.OptString(input, "serviceCode");
        var categoryCode = Json.OptString(input, "categoryCode");
        if (serviceCode is not null)
        {
            var service = ServiceCatalog.Services.FirstOrDefault(s => s.Code == serviceCode)
                ?? throw new AwsServiceException("InvalidParameterValueException", $"Invalid value '{serviceCode}' for parameter serviceCode. Use DescribeServices for valid service codes.");
            if (categoryCode is not null && service.Categories.All(c => c.Code != categoryCode))
            {
                throw new AwsServiceException("InvalidParameterValueException", $"Invalid value '{categoryCode}' for parameter categoryCode of service {serviceCode}.");
            }
        }
        var severity = Json.OptString(input, "severityCode") ?? "low";
        if (!ServiceCatalog.Severities(plan).Contains(severity))
        {
            throw new AwsServiceException("InvalidParameterValueException", $"Invalid value '{severity}' for parameter severityCode with your support plan ({plan}).");
        }
        var language = Json.OptString(input, "language") ?? "en";
        var cc = Json.Strings(input, "ccEmailAddresses");
        var issueType = Json.OptString(input, "issueType") ?? "technical";
        if (issueType is not ("technical" or "customer-service"))
        {
            throw new AwsServiceException("InvalidParameterValueException", $"Invalid value '{issueType}' for parameter issueType.");
        }
        var created = CaseLifecycle.Open(context.Account, subject, body, serviceCode, categoryCode, severity, language, cc, context.Now);
        return new JsonObject { ["caseId"] = created.CaseId };
    }

    private static JsonObject DescribeCases(JsonObject input, RequestContext context)
    {
        var ids = Json.Strings(input, "caseIdList");
        foreach (var id in ids.Where(id => context.Account.Cases.All(c => c.CaseId != id)))
        {
            throw new AwsServiceException("CaseIdNotFound", $"Case {id} was not found.");
        }
        var includeResolved = Json.OptBool(input, "includeResolvedCases") ?? false;
        var includeCommunications = Json.OptBool(input, "includeCommunications") ?? true;
        var displayId = Json.OptString(input, "displayId");
        var after = ParseTime(Json.OptString(input, "afterTime"), "afterTime");
        var before = ParseTime(Json.OptString(input, "beforeTime"), "beforeTime");
        var max = Json.OptInt(input, "maxResults") ?? 100;
        if (max is < 10 or > 100)
        {
            throw new AwsServiceException("ValidationException", "1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must have value between 10 and 100");
        }
        var cases = context.Account.Cases
            .Where(c => ids.Count == 0 || ids.Contains(c.CaseId))
            .Where(c => displayId is null || c.DisplayId == displayId)
            .Where(c => includeResolved || c.Status != "resolved")
            .Where(c => after is null || c.CreatedAt >= after)
            .Where(c => before is null || c.CreatedAt <= before)
            .OrderByDescending(c => c.CreatedAt).ToList();
        var (page, next) = Paging.Page(cases, Json.OptString(input, "nextToken"), max);
        var result = new JsonObject { ["cases"] = Json.Array(page.Select(c => (JsonNode)CaseJson(c, includeCommunications))) };
        if (next is not null)
        {
            result["nextToken"] = next;
        }
        return result;
    }

    private static JsonObject AddCommunication(JsonObject input, RequestContext context)
    {
        var body = Json.ReqString(input, "communicationBody");
        var caseId = Json.OptString(input, "caseId");
        var supportCase = context.Account.Cases.FirstOrDefault(c => c.CaseId == caseId)
            ?? throw new AwsServiceException("CaseIdNotFound", $"Case {caseId} was not found.");
        CaseLifecycle.CustomerReply(context.Account, supportCase, body, context.Now);
        return new JsonObject { ["result"] = true };
    }

    private static JsonObject DescribeServices(JsonObject input)
    {
        var codes = Json.Strings(input, "serviceCodeList");
        var services = ServiceCatalog.Services.Where(s => codes.Count == 0 || codes.Contains(s.Code));
        return new JsonObject
        {
            ["services"] = Json.Array(services.Select(s => (JsonNode)new JsonObject
            {
                ["code"] = s.Code,
                ["name"] = s.Name,
                ["categories"] = Json.Array(s.Categories.Select(c => (JsonNode)new JsonObject { ["code"] = c.Code, ["name"] = c.Name })),
            })),
        };
    }

    private static JsonObject CaseJson(SupportCase c, bool includeCommunications)
    {
        var result = new JsonObject
        {
            ["caseId"] = c.CaseId,
            ["displayId"] = c.DisplayId,
            ["subject"] = c.Subject,
            ["status"] = c.Status,
            ["severityCode"] = c.SeverityCode,
            ["submittedBy"] = c.SubmittedBy,
            ["timeCreated"] = Json.Iso(c.CreatedAt),
            ["ccEmailAddresses"] = Json.Strings(c.CcEmailAddresses),
            ["language"] = c.Language,
        };
        if (c.ServiceCode is not null)
        {
            result["serviceCode"] = c.ServiceCode;
        }
        if (c.CategoryCode is not null)
        {
            result["categoryCode"] = c.CategoryCode;
        }
        if (includeCommunications)
        {
            var recent = c.Communications.OrderByDescending(m => m.TimeCreated).ToList();
            var communications = new JsonObject
            {
                ["communications"] = Json.Array(recent.Take(5).Select(m => (JsonNode)new JsonObject
                {
                    ["caseId"] = c.CaseId,
                    ["body"] = m.Body,
                    ["submittedBy"] = m.SubmittedBy,
                    ["timeCreated"] = Json.Iso(m.TimeCreated),
                    ["attachmentSet"] = new JsonArray(),
                })),
            };
            if (recent.Count > 5)
            {
                communications["nextToken"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("offset:5"));
            }
            result["recentCommunications"] = communications;
        }
        return result;
    }

    private static DateTimeOffset? ParseTime(string? value, string member) =>
        value is null ? null
        : DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at
        : throw new AwsServiceException("ValidationException", $"Invalid {member} '{value}': use an ISO-8601 date.");
}
