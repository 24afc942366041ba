using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using SmsOnboarding.Domain.Phones;
using SmsOnboarding.Simulator.Protocol;
using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator.Services.Sns;

/// <summary>
/// The SMS sandbox destination list (SNS developer guide): at most 10 numbers, an OTP per send, at most
/// 5 sends per number in 24 hours, deletion only 24 hours after verification or the last attempt.
/// </summary>
internal static class SandboxNumbers
{
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);
    internal const string OtpSender = "AWSVerify";

    public static XElement Create(SnsService sns, QueryRequest request, RequestContext context, SmsRegionState sms)
    {
        var phone = ValidPhone(request.Required("PhoneNumber"));
        var language = request.Optional("LanguageCode") ?? "en-US";
        if (language is not ("en-US" or "en-GB" or "es-419" or "es-ES" or "de-DE" or "fr-CA" or "fr-FR" or "it-IT" or "ja-JP" or "pt-BR" or "kr-KR" or "zh-CN" or "zh-TW"))
        {
            throw SnsService.InvalidParameter("LanguageCode", $"'{language}' is not a supported language code");
        }
        var now = context.Now;
        var number = sms.FindSandboxNumber(phone);
        if (number is { Verified: true })
        {
            throw new AwsServiceException("UserError", $"Phone number {E164.Mask(phone)} is already verified in the SMS sandbox in {context.Region}.");
        }
        if (number is null)
        {
            if (sms.SandboxNumbers.Count >= SnsService.MaxSandboxNumbers)
            {
                throw new AwsServiceException("UserError",
                    $"You can have at most {SnsService.MaxSandboxNumbers} phone numbers in the SMS sandbox in {context.Region}. Delete a number before adding another.");
            }
            number = new SandboxNumber(phone);
            sms.SandboxNumbers.Add(number);
        }
        if (number.Sends.Count(s => now - s < Day) >= SnsService.MaxSendsPerDay)
        {
            throw new AwsServiceException("UserError",
                $"The verification code was already sent {SnsService.MaxSendsPerDay} times to {E164.Mask(phone)} in the last 24 hours. Try again later.");
        }
        number.OneTimePassword = context.Account.Ids.Next(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        number.Sends.Add(now);
        number.LastAttemptAt = now;
        context.Account.Deliver(phone, new PhoneMessage(OtpSender,
            $"Your Amazon SNS verification code is: {number.OneTimePassword}. Enter it in the Amazon SNS console to verify this phone number.", now));
        return sns.Xml.Response("CreateSMSSandboxPhoneNumber", context.RequestId, []);
    }

    public static XElement Verify(SnsService sns, QueryRequest request, RequestContext context, SmsRegionState sms)
    {
        var phone = request.Required("PhoneNumber");
        var otp = request.Required("OneTimePassword");
        if (otp.Length is < 5 or > 8 || !otp.All(char.IsAsciiDigit))
        {
            throw SnsService.InvalidParameter("OneTimePassword", "must be 5 to 8 digits");
        }
        var number = sms.FindSandboxNumber(phone)
            ?? throw new AwsServiceException("ResourceNotFound", $"Phone number {E164.Mask(phone)} is not in the SMS sandbox list in {context.Region}.", 404);
        number.LastAttemptAt = context.Now;
        if (!number.Verified)
        {
            if (number.OneTimePassword != otp)
            {
                throw new AwsServiceException("VerificationException", "Invalid one-time password. Check the code and try again.", 400,
                    new JsonObject { ["Status"] = "Pending" });
            }
            number.Verified = true;
            number.VerifiedAt = context.Now;
            number.OneTimePassword = null;
        }
        return sns.Xml.Response("VerifySMSSandboxPhoneNumber", context.RequestId, []);
    }

    public static XElement List(SnsService sns, QueryRequest request, RequestContext context, SmsRegionState sms)
    {
        var max = request.OptionalInt("MaxResults") ?? 100;
        if (max is < 1 or > 100)
        {
            throw SnsService.InvalidParameter("MaxResults", "must be between 1 and 100");
        }
        var (page, next) = Paging.Page(sms.SandboxNumbers, request.Optional("NextToken"), max);
        var xml = sns.Xml;
        return xml.Response("ListSMSSandboxPhoneNumbers", context.RequestId,
            xml.Members("PhoneNumbers", page.Select(n => xml.E("member",
                xml.E("PhoneNumber", n.PhoneNumber),
                xml.E("Status", n.Verified ? "Verified" : "Pending")))),
            xml.Opt("NextToken", next));
    }

    public static XElement Delete(SnsService sns, QueryRequest request, RequestContext context, SmsRegionState sms)
    {
        var phone = request.Required("PhoneNumber");
        var number = sms.FindSandboxNumber(phone)
            ?? throw new AwsServiceException("ResourceNotFound", $"Phone number {E164.Mask(phone)} is not in the SMS sandbox list in {context.Region}.", 404);
        var since = number.VerifiedAt is { } verified && verified > number.LastAttemptAt ? verified : number.LastAttemptAt;
        if (context.Now - since < Day)
        {
            throw new AwsServiceException("UserError",
                $"You can delete {E164.Mask(phone)} only 24 hours after it was verified or after the last verification attempt (from {Xml.Format(since + Day)}).");
        }
        sms.SandboxNumbers.Remove(number);
        return sns.Xml.Response("DeleteSMSSandboxPhoneNumber", context.RequestId, []);
    }

    internal static string ValidPhone(string phone)
    {
        if (phone.Length > 20 || !E164.TryNormalize(phone, out var e164, out _) || e164 != phone)
        {
            throw SnsService.InvalidParameter("PhoneNumber", $"{E164.Mask(phone)} is not a valid E.164 phone number");
        }
        return phone;
    }
}
