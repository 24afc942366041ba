using System.Globalization;
using System.Xml.Linq;
using SmsOnboarding.Simulator.Protocol;

namespace SmsOnboarding.Simulator.Services.Sts;

internal sealed class StsService : IQueryService
{
    public string SigningName => "sts";
    public Xml Xml { get; } = new("https://sts.amazonaws.com/doc/2011-06-15/");
    public CommonErrors Errors { get; } = new("Throttling", 400, "InternalFailure", "InvalidAction", "ValidationError");

    public XElement Handle(QueryRequest request, RequestContext context)
    {
        var caller = context.Caller ?? SmsOnboarding.Simulator.Iam.Identity.LocalUser(context.Account.AccountId);
        return request.Action switch
        {
            "GetCallerIdentity" => Xml.Response("GetCallerIdentity", context.RequestId,
                Xml.E("Arn", caller.Arn),
                Xml.E("UserId", caller.UserId),
                Xml.E("Account", context.Account.AccountId)),
            "AssumeRole" => AssumeRole(request, context, caller),
            var action => throw new AwsServiceException("InvalidAction", $"Could not find operation {action} for version 2011-06-15"),
        };
    }

    private XElement AssumeRole(QueryRequest request, RequestContext context, SmsOnboarding.Simulator.Iam.Identity caller)
    {
        var session = RoleSessions.Issue(context.Account, caller, new AssumeRoleInput(
            request.Required("RoleArn"),
            request.Required("RoleSessionName"),
            request.OptionalInt("DurationSeconds"),
            request.Optional("ExternalId"),
            request.Optional("Policy") ?? (request.List("PolicyArns").Count > 0 ? "PolicyArns" : null)), context.Now);
        return Xml.Response("AssumeRole", context.RequestId,
            Xml.E("Credentials",
                Xml.E("AccessKeyId", session.AccessKeyId),
                Xml.E("SecretAccessKey", session.SecretAccessKey),
                Xml.E("SessionToken", session.SessionToken),
                Xml.E("Expiration", Xml.Format(session.Expiration))),
            Xml.E("AssumedRoleUser",
                Xml.E("AssumedRoleId", $"{session.RoleId}:{session.SessionName}"),
                Xml.E("Arn", session.Arn(session.RoleArn.Split(':')[4]))),
            Xml.E("PackedPolicySize", 0.ToString(CultureInfo.InvariantCulture)));
    }
}
