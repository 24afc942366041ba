using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SmsOnboarding.Simulator.Protocol;
using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator.Services.Sns;

/// <summary>
/// Standard SNS topics: CreateTopic (idempotent by name per Region), ListTopics (100 per page) and Publish with
/// TopicArn, checked as the SNS API reference describes. FIFO topics, subscriptions and topic policies are not simulated.
/// </summary>
internal static partial class Topics
{
    private const int PageSize = 100;
    private const int MaxMessageBytes = 262_144;

    private static readonly HashSet<string> KnownAttributes = new(StringComparer.Ordinal)
    {
        "DisplayName", "Policy", "DeliveryPolicy", "KmsMasterKeyId", "TracingConfig", "SignatureVersion", "DataProtectionPolicy",
    };

    public static XElement Create(SnsService sns, QueryRequest request, RequestContext context)
    {
        var name = request.Required("Name");
        if (name.EndsWith(".fifo", StringComparison.Ordinal))
        {
            throw SnsService.InvalidParameter("Name", "FIFO topics are not simulated; create a standard topic");
        }
        if (!TopicName().IsMatch(name))
        {
            throw SnsService.InvalidParameter("Name",
                "Topic names must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long");
        }
        var attributes = request.Map("Attributes");
        foreach (var attribute in attributes.Keys.Where(a => !KnownAttributes.Contains(a)))
        {
            throw SnsService.InvalidParameter("Attributes", attribute == "FifoTopic"
                ? "FIFO topics are not simulated"
                : $"Unknown attribute {attribute}");
        }

        var topics = context.Account.Topics;
        if (topics.FindByName(context.Region, name) is { } existing)
        {
            // AWS returns the existing topic, unless the request asks for different attributes.
            if (attributes.Any(a => existing.Attributes.GetValueOrDefault(a.Key) != a.Value))
            {
                throw SnsService.InvalidParameter("Attributes", "Topic already exists with different attributes");
            }
            return Created(sns, context, existing.Arn);
        }

        var topic = new SnsTopic($"arn:aws:sns:{context.Region}:{context.Account.AccountId}:{name}", context.Region, name, attributes, context.Now);
        topics.Add(topic);
        return Created(sns, context, topic.Arn);
    }

    public static XElement List(SnsService sns, QueryRequest request, RequestContext context)
    {
        var (page, next) = Paging.Page(context.Account.Topics.Arns(context.Region), request.Optional("NextToken"), PageSize);
        return sns.Xml.Response("ListTopics", context.RequestId,
            sns.Xml.Members("Topics", page.Select(arn => sns.Xml.E("member", sns.Xml.E("TopicArn", arn)))),
            sns.Xml.Opt("NextToken", next));
    }

    public static XElement Publish(SnsService sns, QueryRequest request, RequestContext context)
    {
        var arn = request.Required("TopicArn");
        if (request.Optional("PhoneNumber") is not null || request.Optional("TargetArn") is not null)
        {
            throw SnsService.InvalidParameter("TopicArn or TargetArn", "Only one of TopicArn, TargetArn and PhoneNumber may be given");
        }
        var parts = arn.Split(':');
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "sns" || parts[5].Length == 0)
        {
            throw SnsService.InvalidParameter("TopicArn", $"'{arn}' is not a topic ARN");
        }
        if (parts[3] != context.Region)
        {
            throw SnsService.InvalidParameter("TopicArn", $"the topic is in {parts[3]}; messages can be published only to topics in the request's Region ({context.Region})");
        }

        var message = Message(request);
        var subject = Subject(request);
        var structure = request.Optional("MessageStructure");
        if (structure is not null)
        {
            ValidateJsonStructure(structure, message);
        }
        var topic = context.Account.Topics.Find(arn)
            ?? throw new AwsServiceException("NotFound", "Topic does not exist", 404);

        var published = new TopicMessage(Guid.NewGuid().ToString(), arn, subject, message, structure, SmsSender.MessageAttributes(request), context.Now);
        context.Account.Topics.Publish(topic, published);
        return sns.Xml.Response("Publish", context.RequestId, sns.Xml.E("MessageId", published.MessageId));
    }

    private static XElement Created(SnsService sns, RequestContext context, string arn) =>
        sns.Xml.Response("CreateTopic", context.RequestId, sns.Xml.E("TopicArn", arn));

    private static string Message(QueryRequest request)
    {
        var message = request.Optional("Message")
            ?? throw new AwsServiceException("ValidationError", "1 validation error detected: Value null at 'message' failed to satisfy constraint: Member must not be null");
        if (message.Length == 0)
        {
            throw SnsService.InvalidParameter("Message", "Empty message");
        }
        if (System.Text.Encoding.UTF8.GetByteCount(message) > MaxMessageBytes)
        {
            throw SnsService.InvalidParameter("Message", $"Message too long: at most {MaxMessageBytes} bytes of UTF-8");
        }
        return message;
    }

    // "Subjects must be UTF-8 text with no line breaks or control characters, and less than 100 characters long."
    private static string? Subject(QueryRequest request)
    {
        var subject = request.Optional("Subject");
        if (subject is null)
        {
            return null;
        }
        if (subject.Length == 0)
        {
            throw SnsService.InvalidParameter("Subject", "Empty subject");
        }
        if (subject.Length >= 100)
        {
            throw SnsService.InvalidParameter("Subject", $"Subject must be less than 100 characters long; it has {subject.Length}");
        }
        if (subject.Any(char.IsControl))
        {
            throw SnsService.InvalidParameter("Subject", "Subject must not contain line breaks or control characters");
        }
        return subject;
    }

    private static void ValidateJsonStructure(string structure, string message)
    {
        if (structure != "json")
        {
            throw SnsService.InvalidParameter("MessageStructure", "the only valid value is json");
        }
        try
        {
            using var document = JsonDocument.Parse(message);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("default", out var fallback) || fallback.ValueKind != JsonValueKind.String)
            {
                throw SnsService.InvalidParameter("Message", "Message Structure - No default entry in JSON message body");
            }
        }
        catch (JsonException)
        {
            throw SnsService.InvalidParameter("Message", "Message Structure - JSON message body failed to parse");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex TopicName();
}
