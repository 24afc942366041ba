using SmsOnboarding.Simulator.Iam.Policies;
using SmsOnboarding.Simulator.Protocol;

namespace SmsOnboarding.Simulator.Iam;

/// <summary>Judges a request's permissions for its identity and refuses it in the service's own words.</summary>
internal static class Authorizer
{
    public static void Demand(SimulatedAccount account, Identity identity, string signingName, IReadOnlyList<RequiredPermission> permissions, string region)
    {
        foreach (var permission in permissions)
        {
            var request = new AccessRequest(permission.Action, permission.Resource, identity.Caller,
                ActionCatalog.Context(identity, region, permission.Keys, account.OrganizationId));
            var decision = PolicyEvaluator.Authorize(identity.Policies(account), identity.Boundary(account), request, identity.SessionPolicy);
            account.RecordDecision(identity.Arn, permission.Action, decision.Allowed);
            if (!decision.Allowed)
            {
                throw Denied(signingName, identity, permission.Action, permission.Resource, decision.Reason);
            }
        }
    }

    /// <summary>
    /// Each service's refusal, from its model: SNS's AuthorizationErrorException (code AuthorizationError, 403);
    /// the AccessDeniedException shape of Cognito, SMS Voice v2 and Service Quotas; IAM and STS answer AccessDenied
    /// (403, unmodeled); Support models none, so AccessDeniedException there is a guess.
    /// </summary>
    public static AwsServiceException Denied(string signingName, Identity identity, string action, string resource, string reason)
    {
        var message = $"User: {identity.Arn} is not authorized to perform: {action} on resource: {resource} {reason}";
        return signingName switch
        {
            "sns" => new AwsServiceException("AuthorizationError", message, 403),
            "iam" or "sts" => new AwsServiceException("AccessDenied", message, 403),
            _ => new AwsServiceException("AccessDeniedException", message, 400),
        };
    }
}
