using System.Xml.Linq;
using SmsOnboarding.Simulator.Protocol;

namespace SmsOnboarding.Simulator.Services.Sts;

internal sealed class StsService : IQueryService
{
    public string SigningName => "sts";
    public Xml Xml { get; } = new("https://sts.amazonaws.com/doc/2011-06-15/");
    public CommonErrors Errors { get; } = new("Throttling", 400, "InternalFailure", "InvalidAction", "ValidationError");

    public XElement Handle(QueryRequest request, RequestContext context) => request.Action switch
    {
        "GetCallerIdentity" => Xml.Response("GetCallerIdentity", context.RequestId,
            Xml.E("Arn", SimulatorCredentials.UserArn),
            Xml.E("UserId", SimulatorCredentials.UserId),
            Xml.E("Account", context.Account.AccountId)),
        var action => throw new AwsServiceException("InvalidAction", $"Could not find operation {action} for version 2011-06-15"),
    };
}
