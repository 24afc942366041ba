using System.Text.Json.Nodes;
using SmsOnboarding.Aws.IdentityManagement;
using SmsOnboarding.Aws.IdentityManagement.Model;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Domain.Policies;
using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.Handlers;

namespace SmsOnboarding.Steps.EnsureSmsRole;

/// <summary>
/// Creates the pool's SMS role, or repairs its trust policy and inline sns:Publish policy, then reads both back
/// and compares them structurally: Cognito only reports a bad role when it is used, weeks later.
/// </summary>
public sealed class EnsureSmsRoleHandler(IAwsClientFactory aws, string? permissionsBoundaryArn = null) : IStepHandler<StepInput, RoleInfo>
{
    /// <summary>The execution that created the role.</summary>
    public const string CreatedByTag = "sms-onboarding:created-by";

    public async Task<RoleInfo> HandleAsync(StepInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var pool = input.Pool;
        var iam = aws.Iam();
        var roleName = SmsRolePolicies.RoleName(pool.UserPoolId);
        var existing = await GetRoleAsync(iam, roleName, cancellationToken).ConfigureAwait(false);

        // A role that exists keeps its external id, so a retry after creation (or a re-run) converges.
        var externalId = existing is null ? null : ExternalIdOf(Decode(existing.AssumeRolePolicyDocument));
        externalId = externalId is not null && ExternalIds.Problem(externalId) is null ? externalId : ExternalIds.New();
        var trust = SmsRolePolicies.TrustPolicy(pool.AccountId, pool.PoolArn, externalId);
        var publish = SmsRolePolicies.PublishPolicy();
        // "Created by this run" survives a retry that finds the role an earlier attempt made: Finalize waits for
        // Cognito to see a role only when it is new.
        var created = existing?.Tags?.Any(t => t.Key == CreatedByTag && t.Value == input.ExecutionArn) == true;
        var repaired = false;

        if (existing is null)
        {
            await CreateRoleAsync(iam, new CreateRoleRequest
            {
                RoleName = roleName,
                Path = SmsRolePolicies.RolePath,
                AssumeRolePolicyDocument = trust.ToJsonString(),
                Description = $"Lets Amazon Cognito user pool {pool.UserPoolId} send SMS through Amazon SNS (SmsOnboarding).",
                PermissionsBoundary = string.IsNullOrEmpty(permissionsBoundaryArn) ? null : permissionsBoundaryArn,
                Tags = [new Tag { Key = "sms-onboarding:user-pool", Value = pool.UserPoolId }, new Tag { Key = CreatedByTag, Value = input.ExecutionArn }],
            }, cancellationToken).ConfigureAwait(false);
            created = true;
        }
        else if (!JsonNode.DeepEquals(Decode(existing.AssumeRolePolicyDocument), trust))
        {
            await AwsCall.Run($"Repairing the trust policy of {roleName}", () => iam.UpdateAssumeRolePolicyAsync(
                new UpdateAssumeRolePolicyRequest { RoleName = roleName, PolicyDocument = trust.ToJsonString() }, cancellationToken)).ConfigureAwait(false);
            repaired = true;
        }

        var inline = await GetInlinePolicyAsync(iam, roleName, cancellationToken).ConfigureAwait(false);
        if (inline is null || !JsonNode.DeepEquals(inline, publish))
        {
            await AwsCall.Run($"Writing the sns:Publish policy of {roleName}", () => iam.PutRolePolicyAsync(new PutRolePolicyRequest
            {
                RoleName = roleName,
                PolicyName = SmsRolePolicies.InlinePolicyName,
                PolicyDocument = publish.ToJsonString(),
            }, cancellationToken)).ConfigureAwait(false);
            repaired |= !created;
        }

        var verified = await GetRoleAsync(iam, roleName, cancellationToken).ConfigureAwait(false)
            ?? throw StepException.Transient($"Role {roleName} is not visible yet (IAM is eventually consistent).");
        var verifiedInline = await GetInlinePolicyAsync(iam, roleName, cancellationToken).ConfigureAwait(false);
        if (!JsonNode.DeepEquals(Decode(verified.AssumeRolePolicyDocument), trust) || verifiedInline is null || !JsonNode.DeepEquals(verifiedInline, publish))
        {
            // IAM is eventually consistent: what this attempt just wrote can read back as before for seconds. The retry
            // reads again and writes again if it must; only an edit that keeps coming back outlasts the retries.
            throw StepException.Transient($"Role {roleName} does not read back as written yet (trust policy or {SmsRolePolicies.InlinePolicyName}): IAM is eventually consistent. If it never does, something else edits it; stop that and redrive.");
        }

        return new RoleInfo(verified.Arn ?? SmsRolePolicies.RoleArn(pool.AccountId, pool.UserPoolId, pool.Partition), externalId, created, repaired);
    }

    /// <summary>
    /// A role that reads as missing but already exists was created by an earlier attempt that IAM does not show yet
    /// (eventual consistency): creating it again with a new external id would only fail, so wait for it to appear
    /// and keep the external id it was created with.
    /// </summary>
    private static async Task CreateRoleAsync(IAmazonIdentityManagementService iam, CreateRoleRequest request, CancellationToken ct)
    {
        try
        {
            await iam.CreateRoleAsync(request, ct).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.Is("EntityAlreadyExists"))
        {
            throw StepException.Transient($"Role {request.RoleName} exists but does not read back yet (IAM is eventually consistent); the next attempt keeps its external id.", e);
        }
        catch (AwsServiceException e)
        {
            throw AwsCall.ToStepException($"Creating IAM role {request.RoleName}", e);
        }
    }

    private static async Task<Role?> GetRoleAsync(IAmazonIdentityManagementService iam, string roleName, CancellationToken ct)
    {
        try
        {
            return (await iam.GetRoleAsync(new GetRoleRequest { RoleName = roleName }, ct).ConfigureAwait(false)).Role;
        }
        catch (AwsServiceException e) when (e.Is("NoSuchEntity"))
        {
            return null;
        }
        catch (AwsServiceException e)
        {
            throw AwsCall.ToStepException($"Reading IAM role {roleName}", e);
        }
    }

    private static async Task<JsonNode?> GetInlinePolicyAsync(IAmazonIdentityManagementService iam, string roleName, CancellationToken ct)
    {
        try
        {
            var policy = await iam.GetRolePolicyAsync(new GetRolePolicyRequest { RoleName = roleName, PolicyName = SmsRolePolicies.InlinePolicyName }, ct).ConfigureAwait(false);
            return Decode(policy.PolicyDocument);
        }
        catch (AwsServiceException e) when (e.Is("NoSuchEntity"))
        {
            return null;
        }
        catch (AwsServiceException e)
        {
            throw AwsCall.ToStepException($"Reading the inline policy of {roleName}", e);
        }
    }

    // IAM returns policy documents URL-encoded.
    private static JsonNode? Decode(string? document) =>
        string.IsNullOrEmpty(document) ? null : JsonNode.Parse(document.TrimStart().StartsWith('{') ? document : Uri.UnescapeDataString(document));

    private static string? ExternalIdOf(JsonNode? trust) =>
        trust?["Statement"] is JsonArray statements
            ? statements.Select(s => s?["Condition"]?["StringEquals"]?["sts:ExternalId"]).OfType<JsonValue>().Select(v => v.GetValue<string>()).FirstOrDefault()
            : null;
}
