using SmsOnboarding.Simulator.Iam.Policies;
using SmsOnboarding.Simulator.Protocol;
using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator.Services.Iam;

/// <summary>Customer managed policies: CreatePolicy, and the lookups of AttachRolePolicy and permissions boundaries.</summary>
internal static class ManagedPolicies
{
    public static ManagedPolicy Create(QueryRequest request, RequestContext context)
    {
        var account = context.Account;
        var name = IamService.ValidName(request.Required("PolicyName"), "policyName", 128);
        var path = request.Optional("Path") ?? "/";
        if (!path.StartsWith('/') || !path.EndsWith('/'))
        {
            throw new AwsServiceException("ValidationError", "The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.");
        }
        var document = request.Required("PolicyDocument");
        IamDocuments.Validate(document, PolicyKind.Identity);
        var arn = $"arn:aws:iam::{account.AccountId}:policy{path}{name}";
        if (account.ManagedPolicies.Values.Any(p => p.PolicyName == name))
        {
            throw new AwsServiceException("EntityAlreadyExists", $"A policy called {name} already exists. Duplicate names are not allowed.", 409);
        }
        var policy = new ManagedPolicy(arn, name, path, "ANPA" + account.NewId(17, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), document, context.Now);
        account.ManagedPolicies[arn] = policy;
        return policy;
    }

    public static ManagedPolicy Find(SimulatedAccount account, string arn) =>
        account.ManagedPolicies.TryGetValue(arn, out var policy)
            ? policy
            : throw new AwsServiceException("NoSuchEntity", $"Policy {arn} does not exist or is not attachable.", 404);

    /// <summary>A permissions boundary must be an existing managed policy; its ARN is what the role keeps.</summary>
    public static string Boundary(SimulatedAccount account, string arn) => Find(account, arn).Arn;
}
