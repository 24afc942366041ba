using Amazon.CDK;

namespace SmsOnboarding.Infra.Members;

/// <summary>
/// What differs between deployments of the member side, declared the same way in the member template and in the
/// stack that holds its StackSet, which passes them through: one place for their names and constraints.
/// </summary>
public sealed record MemberParameters(CfnParameter ServiceAccountId, CfnParameter ExternalId, CfnParameter OrganizationId)
{
    public const string ServiceAccountIdName = "ServiceAccountId";
    public const string ExternalIdName = "ExternalId";
    public const string OrganizationIdName = "OrganizationId";

    /// <summary>STS AssumeRole's ExternalId: 2-1224 characters of these.</summary>
    public const string ExternalIdCharacters = "[\\w+=,.@:/-]";

    public IReadOnlyDictionary<string, CfnParameter> ByName => new Dictionary<string, CfnParameter>(StringComparer.Ordinal)
    {
        [ServiceAccountIdName] = ServiceAccountId,
        [ExternalIdName] = ExternalId,
        [OrganizationIdName] = OrganizationId,
    };

    public static MemberParameters Declare(Stack stack) => new(
        new CfnParameter(stack, ServiceAccountIdName, new CfnParameterProps
        {
            Type = "String",
            AllowedPattern = "^[0-9]{12}$",
            Description = "The account the SmsOnboarding service stack runs in: its step roles may assume the target role.",
        }),
        new CfnParameter(stack, ExternalIdName, new CfnParameterProps
        {
            Type = "String",
            NoEcho = true,
            MinLength = 2,
            MaxLength = 1224,
            AllowedPattern = "^" + ExternalIdCharacters + "*$",
            Description = "ExternalId the steps send with sts:AssumeRole (2-1224 characters of [\\w+=,.@:/-], STS's limits).",
        }),
        new CfnParameter(stack, OrganizationIdName, new CfnParameterProps
        {
            Type = "String",
            AllowedPattern = "^o-[a-z0-9]{10,32}$",
            Description = "The AWS Organizations id the service account belongs to.",
        }));
}
