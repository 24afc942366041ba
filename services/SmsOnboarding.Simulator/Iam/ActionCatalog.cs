using System.Text.Json.Nodes;
using SmsOnboarding.Simulator.Iam.Policies;
using SmsOnboarding.Simulator.Protocol;

namespace SmsOnboarding.Simulator.Iam;

/// <summary>One IAM authorization a request needs: the action, the resource ARN it acts on, the service-specific condition keys.</summary>
internal sealed record RequiredPermission(string Action, string Resource, IReadOnlyList<(string Key, string Value)> Keys);

/// <summary>
/// The IAM action and resource of each simulated operation, after the Service Authorization Reference
/// ("Actions, resources, and condition keys for ..."): every action here is <c>prefix:Operation</c>; SMS, Support,
/// Service Quotas and the listing actions have no resource type and are judged on <c>*</c>. Resource ARN formats
/// are the reference's; where the README says "guess", the simulator judges on <c>*</c> or a format not confirmed.
/// </summary>
internal static class ActionCatalog
{
    private const string Cognito = "cognito-idp.amazonaws.com";

    /// <summary>Every permission the request needs, in the order AWS would check them; empty when none is needed.</summary>
    public static IReadOnlyList<RequiredPermission> For(string signingName, string operation, JsonObject? json, QueryRequest? query, string region, SimulatedAccount account)
    {
        string? Member(string name) => json is not null ? Json.OptString(json, name) : query?.Optional(name);
        var acct = account.AccountId;
        var action = $"{signingName}:{operation}";
        switch (signingName)
        {
            case "sts":
                // GetCallerIdentity: "No permissions are required to perform this operation" (STS API reference).
                // AssumeRole is judged by the handler: a trust policy naming the caller needs no identity policy.
                return [];
            case "sns":
                var topic = Member("TopicArn") ?? Member("TargetArn")
                    ?? (operation == "CreateTopic" && Member("Name") is { } name ? $"arn:aws:sns:{region}:{acct}:{name}" : "*");
                return [new(action, topic, [])];
            case "cognito-idp":
                var pool = Member("UserPoolId") is { } id ? $"arn:aws:cognito-idp:{region}:{acct}:userpool/{id}" : "*";
                return [new(action, pool, []), .. PassedSmsRole(json)];
            case "iam":
                var iamResource = IamResource(operation, Member, account);
                // Tag-on-create: a CreateRole that carries tags also needs iam:TagRole on the new role (IAM User
                // Guide, "Tagging IAM roles": the permissions to tag a role are needed to add tags when creating it).
                return operation == "CreateRole" && Member("Tags.member.1.Key") is not null
                    ? [new(action, iamResource, IamKeys(operation, Member)), new("iam:TagRole", iamResource, [])]
                    : [new(action, iamResource, IamKeys(operation, Member))];
            case "sms-voice":
                var resource = Member("RegistrationId") is { } registration ? $"arn:aws:sms-voice:{region}:{acct}:registration/{registration}"
                    : Member("PhoneNumberId") is { } number && number.StartsWith("phone-", StringComparison.Ordinal) ? $"arn:aws:sms-voice:{region}:{acct}:phone-number/{number}"
                    : "*";
                // Tag-on-create: an operation that creates a resource with Tags also needs sms-voice:TagResource (the
                // Service Authorization Reference lists it as the dependent action of the tagging create operations).
                return json?["Tags"] is JsonArray { Count: > 0 } && operation != "TagResource"
                    ? [new(action, resource, []), new("sms-voice:TagResource", resource, [])]
                    : [new(action, resource, [])];
            default:
                return [new(action, "*", [])];
        }
    }

    // Cognito's CreateUserPool/UpdateUserPool/SetUserPoolMfaConfig list iam:PassRole as a dependent action: the
    // caller hands the SMS role to cognito-idp.amazonaws.com.
    private static IEnumerable<RequiredPermission> PassedSmsRole(JsonObject? input)
    {
        // Members of the wrong JSON kind are the service's own validation error, judged after authorization.
        var sms = input?["SmsConfiguration"] ?? (input?["SmsMfaConfiguration"] as JsonObject)?["SmsConfiguration"];
        return sms is JsonObject configuration && Json.OptString(configuration, "SnsCallerArn") is { } role
            ? [new("iam:PassRole", role, [("iam:PassedToService", Cognito)])]
            : [];
    }

    private static string IamResource(string operation, Func<string, string?> member, SimulatedAccount account)
    {
        var acct = account.AccountId;
        if (member("PolicyArn") is { } policyArn && operation is not ("AttachRolePolicy" or "DetachRolePolicy"))
        {
            return policyArn;
        }
        if (member("RoleName") is { } roleName)
        {
            var path = account.Roles.TryGetValue(roleName, out var role) ? role.Path : member("Path") ?? "/";
            return $"arn:aws:iam::{acct}:role{path}{roleName}";
        }
        return operation == "CreatePolicy" && member("PolicyName") is { } policyName
            ? $"arn:aws:iam::{acct}:policy{member("Path") ?? "/"}{policyName}"
            : "*";
    }

    private static IReadOnlyList<(string, string)> IamKeys(string operation, Func<string, string?> member) => operation switch
    {
        "CreateRole" or "PutRolePermissionsBoundary" when member("PermissionsBoundary") is { } boundary => [("iam:PermissionsBoundary", boundary)],
        "AttachRolePolicy" or "DetachRolePolicy" when member("PolicyArn") is { } policy => [("iam:PolicyARN", policy)],
        _ => [],
    };

    /// <summary>Global condition keys every request carries (aws:PrincipalArn is the role ARN for a session, as IAM documents).</summary>
    /// <param name="principalOrgId">The organisation of the caller's account: aws:PrincipalOrgID is present only then.</param>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Context(Identity identity, string region, IEnumerable<(string Key, string Value)> keys,
        string? principalOrgId = null)
    {
        List<(string, string)> global =
        [
            ("aws:PrincipalArn", identity.Session?.RoleArn ?? identity.Arn),
            ("aws:PrincipalAccount", identity.Caller.AccountId ?? ""),
            ("aws:RequestedRegion", region),
            ("aws:PrincipalType", identity.Session is null ? "User" : "AssumedRole"),
        ];
        if (principalOrgId is not null)
        {
            global.Add(("aws:PrincipalOrgID", principalOrgId));
        }
        return AccessRequest.Keys([.. global, .. keys]);
    }
}
