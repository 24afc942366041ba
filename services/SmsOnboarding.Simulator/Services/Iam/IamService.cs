using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SmsOnboarding.Simulator.Iam;
using SmsOnboarding.Simulator.Iam.Policies;
using SmsOnboarding.Simulator.Protocol;
using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator.Services.Iam;

/// <summary>IAM (awsQuery, 2010-05-08, global): roles, inline and attached role policies, permissions boundaries, customer managed policies, tags.</summary>
internal sealed partial class IamService : IQueryService
{
    public string SigningName => "iam";
    public Xml Xml { get; } = new("https://iam.amazonaws.com/doc/2010-05-08/");
    public CommonErrors Errors { get; } = new("Throttling", 400, "ServiceFailure", "InvalidAction", "InvalidInput");

    public XElement Handle(QueryRequest request, RequestContext context)
    {
        var account = context.Account;
        var action = request.Action;
        switch (action)
        {
            case "CreateRole":
                return Xml.Response(action, context.RequestId, RoleXml(CreateRole(request, context), account.AccountId, Propagation.Latest(account)));
            case "GetRole":
                {
                    var seenBy = Propagation.Reads(account);
                    return Xml.Response(action, context.RequestId, RoleXml(Find(account, request.Required("RoleName"), seenBy), account.AccountId, seenBy));
                }
            case "UpdateAssumeRolePolicy":
                {
                    var role = Find(account, request.Required("RoleName"));
                    var document = request.Required("PolicyDocument");
                    IamDocuments.Validate(document, PolicyKind.Trust);
                    Propagation.ChangeTrust(account, role, document);
                    return Xml.EmptyResponse(action, context.RequestId);
                }
            case "PutRolePolicy":
                {
                    var role = Find(account, request.Required("RoleName"));
                    var name = ValidName(request.Required("PolicyName"), "policyName", 128);
                    var document = request.Required("PolicyDocument");
                    IamDocuments.Validate(document, PolicyKind.Identity);
                    Propagation.ChangeInline(account, role, name, document);
                    return Xml.EmptyResponse(action, context.RequestId);
                }
            case "GetRolePolicy":
                {
                    var seenBy = Propagation.Reads(account);
                    var role = Find(account, request.Required("RoleName"), seenBy);
                    var name = request.Required("PolicyName");
                    if (!seenBy.InlinePolicies(role).TryGetValue(name, out var document))
                    {
                        throw new AwsServiceException("NoSuchEntity", $"The role policy with name {name} cannot be found.", 404);
                    }
                    return Xml.Response(action, context.RequestId,
                        Xml.E("RoleName", role.RoleName), Xml.E("PolicyName", name), Xml.E("PolicyDocument", Uri.EscapeDataString(document)));
                }
            case "CreatePolicy":
                return Xml.Response(action, context.RequestId, PolicyXml(ManagedPolicies.Create(request, context)));
            case "GetPolicy":
                return Xml.Response(action, context.RequestId, PolicyXml(ManagedPolicies.Find(account, request.Required("PolicyArn"))));
            case "GetPolicyVersion":
                {
                    var policy = ManagedPolicies.Find(account, request.Required("PolicyArn"));
                    if (request.Required("VersionId") != "v1")
                    {
                        throw new AwsServiceException("NoSuchEntity", $"Policy {policy.Arn} version {request.Optional("VersionId")} does not exist or is not attachable.", 404);
                    }
                    return Xml.Response(action, context.RequestId, Xml.E("PolicyVersion",
                        Xml.E("Document", Uri.EscapeDataString(policy.Document)), Xml.E("VersionId", "v1"),
                        Xml.E("IsDefaultVersion", "true"), Xml.E("CreateDate", Xml.Format(policy.CreateDate))));
                }
            case "AttachRolePolicy":
                {
                    var role = Find(account, request.Required("RoleName"));
                    var policy = ManagedPolicies.Find(account, request.Required("PolicyArn"));
                    if (!role.AttachedPolicyArns.Contains(policy.Arn))
                    {
                        role.AttachedPolicyArns.Add(policy.Arn);
                    }
                    return Xml.EmptyResponse(action, context.RequestId);
                }
            case "PutRolePermissionsBoundary":
                {
                    var role = Find(account, request.Required("RoleName"));
                    role.PermissionsBoundaryArn = ManagedPolicies.Boundary(account, request.Required("PermissionsBoundary"));
                    return Xml.EmptyResponse(action, context.RequestId);
                }
            case "TagRole":
                {
                    var role = Find(account, request.Required("RoleName"));
                    var tags = Tags(request);
                    if (tags.Count == 0)
                    {
                        throw new AwsServiceException("ValidationError", "1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null");
                    }
                    if (role.Tags.Select(t => t.Key).Union(tags.Select(t => t.Key)).Count() > 50)
                    {
                        throw new AwsServiceException("LimitExceeded", "Cannot exceed quota for TagsPerRole: 50.", 409);
                    }
                    foreach (var (key, value) in tags)
                    {
                        role.SetTag(key, value);
                    }
                    return Xml.EmptyResponse(action, context.RequestId);
                }
            default:
                throw new AwsServiceException("InvalidAction", $"Could not find operation {action} for version 2010-05-08");
        }
    }

    /// <summary>The role as a reader sees it (<paramref name="seenBy"/>), or as writes see it: always the latest.</summary>
    internal static IamRole Find(SimulatedAccount account, string roleName, Propagation? seenBy = null) =>
        account.Roles.TryGetValue(roleName, out var role) && (seenBy?.Sees(role) ?? true)
            ? role
            : throw new AwsServiceException("NoSuchEntity", $"The role with name {roleName} cannot be found.", 404);

    private static IamRole CreateRole(QueryRequest request, RequestContext context)
    {
        var account = context.Account;
        var name = ValidName(request.Required("RoleName"), "roleName", 64);
        var path = request.Optional("Path") ?? "/";
        if (!path.StartsWith('/') || !path.EndsWith('/') || path.Length > 512)
        {
            throw new AwsServiceException("ValidationError", $"The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.");
        }
        var document = request.Required("AssumeRolePolicyDocument");
        IamDocuments.Validate(document, PolicyKind.Trust);
        if (account.Roles.ContainsKey(name))
        {
            throw new AwsServiceException("EntityAlreadyExists", $"Role with name {name} already exists.", 409);
        }
        var maxSession = request.OptionalInt("MaxSessionDuration") ?? 3600;
        if (maxSession is < 3600 or > 43200)
        {
            throw new AwsServiceException("ValidationError", "1 validation error detected: Value at 'maxSessionDuration' failed to satisfy constraint: Member must have value between 3600 and 43200");
        }
        var boundary = request.Optional("PermissionsBoundary") is { } boundaryArn ? ManagedPolicies.Boundary(account, boundaryArn) : null;
        var role = new IamRole
        {
            RoleName = name,
            Path = path,
            RoleId = "AROA" + account.NewId(17, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
            CreateDate = context.Now,
            AssumeRolePolicyDocument = document,
            Description = request.Optional("Description"),
            MaxSessionDuration = maxSession,
            PermissionsBoundaryArn = boundary,
        };
        foreach (var (key, value) in Tags(request))
        {
            role.SetTag(key, value);
        }
        account.Roles[name] = role;
        return role;
    }

    private XElement PolicyXml(ManagedPolicy policy) =>
        Xml.E("Policy",
            Xml.E("PolicyName", policy.PolicyName),
            Xml.E("PolicyId", policy.PolicyId),
            Xml.E("Arn", policy.Arn),
            Xml.E("Path", policy.Path),
            Xml.E("DefaultVersionId", "v1"),
            Xml.E("IsAttachable", "true"),
            Xml.E("CreateDate", Xml.Format(policy.CreateDate)),
            Xml.E("UpdateDate", Xml.Format(policy.CreateDate)));

    internal static List<KeyValuePair<string, string>> Tags(QueryRequest request) =>
        [.. request.StructureList("Tags", "Key", "Value").Select(t => new KeyValuePair<string, string>(t.GetValueOrDefault("Key") ?? "", t.GetValueOrDefault("Value") ?? ""))];

    private XElement RoleXml(IamRole role, string accountId, Propagation seenBy) =>
        Xml.E("Role",
            Xml.E("Path", role.Path),
            Xml.E("RoleName", role.RoleName),
            Xml.E("RoleId", role.RoleId),
            Xml.E("Arn", role.Arn(accountId)),
            Xml.E("CreateDate", Xml.Format(role.CreateDate)),
            // IAM returns policy documents URL-encoded; SDKs decode them.
            Xml.E("AssumeRolePolicyDocument", Uri.EscapeDataString(seenBy.TrustPolicy(role))),
            Xml.Opt("Description", role.Description),
            Xml.E("MaxSessionDuration", role.MaxSessionDuration.ToString(CultureInfo.InvariantCulture)),
            role.PermissionsBoundaryArn is null ? null : Xml.E("PermissionsBoundary",
                Xml.E("PermissionsBoundaryType", "PermissionsBoundaryPolicy"), Xml.E("PermissionsBoundaryArn", role.PermissionsBoundaryArn)),
            role.Tags.Count == 0 ? null : Xml.Members("Tags", role.Tags.Select(t => Xml.E("member", Xml.E("Key", t.Key), Xml.E("Value", t.Value)))));

    internal static string ValidName(string name, string member, int max) =>
        name.Length <= max && NamePattern().IsMatch(name)
            ? name
            : throw new AwsServiceException("ValidationError", $"1 validation error detected: Value '{name}' at '{member}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");

    [GeneratedRegex("^[\\w+=,.@-]+$")]
    private static partial Regex NamePattern();
}
