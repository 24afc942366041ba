using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SmsOnboarding.Simulator.Protocol;
using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator.Services.Sns;

/// <summary>SNS (awsQuery, 2010-03-31): SMS attributes, the SMS sandbox, origination numbers, standard topics, Publish to a phone or a topic.</summary>
internal sealed partial class SnsService : IQueryService
{
    public const int MaxSandboxNumbers = 10;
    public const int MaxSendsPerDay = 5;

    public string SigningName => "sns";
    public Xml Xml { get; } = new("http://sns.amazonaws.com/doc/2010-03-31/");
    public CommonErrors Errors { get; } = new("Throttled", 429, "InternalError", "InvalidAction", "InvalidParameter");

    public XElement Handle(QueryRequest request, RequestContext context)
    {
        var action = request.Action;
        var sms = context.Account.Sms(context.Region);
        return action switch
        {
            "GetSMSAttributes" => GetSmsAttributes(request, context, sms),
            "SetSMSAttributes" => SetSmsAttributes(request, context, sms),
            "GetSMSSandboxAccountStatus" => Xml.Response(action, context.RequestId, Xml.E("IsInSandbox", Xml.Format(sms.InSandbox))),
            "CreateSMSSandboxPhoneNumber" => SandboxNumbers.Create(this, request, context, sms),
            "VerifySMSSandboxPhoneNumber" => SandboxNumbers.Verify(this, request, context, sms),
            "ListSMSSandboxPhoneNumbers" => SandboxNumbers.List(this, request, context, sms),
            "DeleteSMSSandboxPhoneNumber" => SandboxNumbers.Delete(this, request, context, sms),
            "ListOriginationNumbers" => ListOriginationNumbers(request, context),
            "CreateTopic" => Topics.Create(this, request, context),
            "ListTopics" => Topics.List(this, request, context),
            "Publish" when request.Optional("TopicArn") is not null => Topics.Publish(this, request, context),
            "Publish" => SmsSender.Publish(this, request, context, sms),
            _ => throw new AwsServiceException("InvalidAction", $"The action {action} is not valid for this web service."),
        };
    }

    private XElement GetSmsAttributes(QueryRequest request, RequestContext context, SmsRegionState sms)
    {
        var names = request.List("attributes");
        var selected = sms.Attributes.Where(a => names.Count == 0 || names.Contains(a.Key));
        return Xml.Response("GetSMSAttributes", context.RequestId,
            Xml.Members("attributes", selected.Select(a => Xml.E("entry", Xml.E("key", a.Key), Xml.E("value", a.Value)))));
    }

    private XElement SetSmsAttributes(QueryRequest request, RequestContext context, SmsRegionState sms)
    {
        var attributes = request.Map("attributes");
        if (attributes.Count == 0)
        {
            throw InvalidParameter("attributes", "the attributes map must not be empty");
        }
        foreach (var (name, value) in attributes)
        {
            Validate(name, value, sms, context.Region);
        }
        foreach (var (name, value) in attributes)
        {
            sms.Attributes[name] = value;
        }
        return Xml.Response("SetSMSAttributes", context.RequestId, []);
    }

    private static void Validate(string name, string value, SmsRegionState sms, string region)
    {
        switch (name)
        {
            case "MonthlySpendLimit":
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit))
                {
                    throw InvalidParameter(name, "must be a whole number of USD");
                }
                if (limit > sms.ApprovedSpendQuotaUsd)
                {
                    // AWS rejects a limit above the quota Support approved (SNS developer guide, spend threshold page).
                    throw InvalidParameter(name,
                        $"The requested spend limit {limit} USD exceeds the approved SMS spend quota of {sms.ApprovedSpendQuotaUsd.ToString(CultureInfo.InvariantCulture)} USD for this account in {region}");
                }
                break;
            case "DefaultSMSType":
                if (value is not ("Promotional" or "Transactional"))
                {
                    throw InvalidParameter(name, "must be Promotional or Transactional");
                }
                break;
            case "DeliveryStatusSuccessSamplingRate":
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var rate) || rate > 100)
                {
                    throw InvalidParameter(name, "must be an integer from 0 to 100");
                }
                break;
            case "DefaultSenderID":
                if (!SenderId().IsMatch(value))
                {
                    throw InvalidParameter(name, "must be 1-11 alphanumeric characters with at least one letter");
                }
                break;
            case "DeliveryStatusIAMRole":
            case "UsageReportS3Bucket":
                break;
            default:
                throw InvalidParameter(name, "is not a valid SMS attribute");
        }
    }

    private XElement ListOriginationNumbers(QueryRequest request, RequestContext context)
    {
        var max = request.OptionalInt("MaxResults") ?? 30;
        if (max is < 1 or > 30)
        {
            throw new AwsServiceException("ValidationException", "1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 30");
        }
        var numbers = context.Account.OriginationNumbers
            .Where(n => n.Region == context.Region && n.Status(context.Now) == "ACTIVE")
            .OrderBy(n => n.CreatedAt).ToList();
        var (page, next) = Paging.Page(numbers, request.Optional("NextToken"), max);
        return Xml.Response("ListOriginationNumbers", context.RequestId,
            Xml.Members("PhoneNumbers", page.Select(n => Xml.E("member",
                Xml.E("CreatedAt", Xml.Format(n.CreatedAt)),
                Xml.E("PhoneNumber", n.PhoneNumber),
                Xml.E("Status", "ACTIVE"),
                Xml.E("Iso2CountryCode", n.IsoCountryCode),
                Xml.E("RouteType", n.MessageType == "PROMOTIONAL" ? "Promotional" : "Transactional"),
                Xml.Members("NumberCapabilities", n.NumberCapabilities.Select(c => Xml.E("member", c)))))),
            Xml.Opt("NextToken", next));
    }

    internal static AwsServiceException InvalidParameter(string parameter, string reason) =>
        new("InvalidParameter", $"Invalid parameter: {parameter} Reason: {reason}");

    [GeneratedRegex("^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$")]
    private static partial Regex SenderId();
}
