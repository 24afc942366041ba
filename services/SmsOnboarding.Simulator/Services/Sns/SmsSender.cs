using System.Xml.Linq;
using SmsOnboarding.Domain.Phones;
using SmsOnboarding.Simulator.Protocol;
using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator.Services.Sns;

/// <summary>
/// Publish to a phone number. Like AWS, Publish succeeds once the request is acceptable; whether the SMS is
/// delivered (origination identity, spend limit) is decided afterwards and shows in the delivery log only.
/// </summary>
internal static class SmsSender
{
    private const int MaxMessageBytes = 1600;

    public static XElement Publish(SnsService sns, QueryRequest request, RequestContext context, SmsRegionState sms)
    {
        var phone = request.Optional("PhoneNumber");
        if (phone is null)
        {
            throw SnsService.InvalidParameter(request.Optional("TargetArn") is null ? "PhoneNumber" : "TargetArn",
                "the simulated account publishes to phone numbers (PhoneNumber) and topics (TopicArn), not to platform endpoints");
        }
        SandboxNumbers.ValidPhone(phone);
        var message = request.Required("Message");
        if (System.Text.Encoding.UTF8.GetByteCount(message) > MaxMessageBytes)
        {
            throw SnsService.InvalidParameter("Message", $"an SMS message must be at most {MaxMessageBytes} bytes");
        }
        var attributes = MessageAttributes(request);
        if (sms.InSandbox && sms.FindSandboxNumber(phone) is not { Verified: true })
        {
            throw new AwsServiceException("AuthorizationError",
                $"Your account is in the SMS sandbox in {context.Region}: you can only send SMS to verified destination phone numbers, and {E164.Mask(phone)} is not verified.", 403);
        }
        var messageId = Guid.NewGuid().ToString();
        Send(context, sms, phone, message, attributes);
        return sns.Xml.Response("Publish", context.RequestId, sns.Xml.E("MessageId", messageId));
    }

    /// <summary>
    /// An SMS another service (Cognito) sends through SNS in <paramref name="context"/>'s Region. The sandbox
    /// does not refuse the caller: per the Cognito API model (SmsConfigurationFailure SNSSandbox) such messages
    /// "will only reach verified end users", so an unverified number just never receives it.
    /// </summary>
    internal static void SendForService(RequestContext context, string phone, string message)
    {
        var sms = context.Account.Sms(context.Region);
        if (sms.InSandbox && sms.FindSandboxNumber(phone) is not { Verified: true })
        {
            context.Account.Deliveries.Add(new SmsDelivery(context.Region, phone, "", false, "Phone number is not verified in the SMS sandbox", 0, context.Now));
            return;
        }
        Send(context, sms, phone, message, new Dictionary<string, string>(StringComparer.Ordinal));
    }

    private static void Send(RequestContext context, SmsRegionState sms, string phone, string message, IReadOnlyDictionary<string, string> attributes)
    {
        var account = context.Account;
        var price = account.CurrentScenario.SmsPriceUsd * Segments(message);
        var from = Sender(context, phone, sms, attributes);
        string? failure = null;
        if (from is null)
        {
            failure = "No origination entities available to send";
        }
        else
        {
            var month = SmsRegionState.Month(context.Now);
            var spent = sms.SpentByMonth.GetValueOrDefault(month);
            if (spent + price > sms.MonthlySpendLimit)
            {
                failure = "No quota left for account";
            }
            else
            {
                sms.SpentByMonth[month] = spent + price;
                account.Deliver(phone, new PhoneMessage(from, message, context.Now));
            }
        }
        account.Deliveries.Add(new SmsDelivery(context.Region, phone, from ?? "", failure is null, failure ?? "Message has been accepted by phone carrier",
            failure is null ? price : 0, context.Now));
    }

    // US destinations need a dedicated origination identity (since June 2021); elsewhere AWS may use a
    // shared route or the sender ID.
    private static string? Sender(RequestContext context, string phone, SmsRegionState sms, IReadOnlyDictionary<string, string> attributes)
    {
        var country = E164.IsNorthAmericanUs(phone) ? "US" : null;
        var owned = context.Account.OriginationNumbers
            .Where(n => n.Region == context.Region && n.CanSend(context.Account, context.Now) && (country is null || n.IsoCountryCode == country))
            .OrderBy(n => n.Priority).ThenBy(n => n.CreatedAt).ToList();
        if (attributes.TryGetValue("AWS.MM.SMS.OriginationNumber", out var requested) && owned.Any(n => n.PhoneNumber == requested))
        {
            return requested;
        }
        if (owned.Count > 0)
        {
            return owned[0].PhoneNumber;
        }
        if (country == "US")
        {
            return null;
        }
        return attributes.GetValueOrDefault("AWS.SNS.SMS.SenderID") ?? sms.Attributes.GetValueOrDefault("DefaultSenderID") ?? "NOTICE";
    }

    internal static Dictionary<string, string> MessageAttributes(QueryRequest request)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; ; i++)
        {
            var name = request.Optional($"MessageAttributes.entry.{i}.Name") ?? request.Optional($"MessageAttributes.entry.{i}.key");
            if (name is null)
            {
                return result;
            }
            var value = request.Optional($"MessageAttributes.entry.{i}.Value.StringValue") ?? request.Optional($"MessageAttributes.entry.{i}.value.StringValue") ?? "";
            result[name] = value;
        }
    }

    private static int Segments(string message)
    {
        var gsm = message.All(c => c < 128);
        var (single, multi) = gsm ? (160, 153) : (70, 67);
        return message.Length <= single ? 1 : (message.Length + multi - 1) / multi;
    }
}
