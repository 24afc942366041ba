using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmsOnboarding.Aws.CognitoIdentityProvider;
using SmsOnboarding.Aws.CognitoIdentityProvider.Model;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.Handlers;

namespace SmsOnboarding.Steps.Finalize;

/// <summary>
/// UpdateUserPool resets every field it is not given, so: describe the pool, copy every member UpdateUserPool
/// accepts (found by reflection over the request model, so a newer model cannot silently add an uncopied field),
/// set SmsConfiguration, then describe again and prove that nothing but the SMS configuration changed.
/// </summary>
public sealed class FinalizeHandler(IAwsClientFactory aws) : IStepHandler<FinalizeInput, FinalizeResult>
{
    /// <summary>UpdateUserPool members that are not copied from DescribeUserPool's member of the same name.</summary>
    public static readonly IReadOnlySet<string> NotCopiedByName = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(UpdateUserPoolRequest.UserPoolId), nameof(UpdateUserPoolRequest.PoolName), nameof(UpdateUserPoolRequest.SmsConfiguration),
    };

    /// <summary>Fields that legitimately differ after the update (the SMS settings, and what AWS recomputes).</summary>
    public static readonly IReadOnlySet<string> ExpectedToChange = new HashSet<string>(StringComparer.Ordinal)
    {
        "SmsConfiguration", "SmsConfigurationFailure", "LastModifiedDate", "EstimatedNumberOfUsers",
    };

    public async Task<FinalizeResult> HandleAsync(FinalizeInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var cognito = aws.Cognito(input.Pool.PoolRegion);
        var before = await DescribeAsync(cognito, input.Pool.UserPoolId, cancellationToken).ConfigureAwait(false);
        var sms = new SmsConfigurationType { SnsCallerArn = input.Role.RoleArn, ExternalId = input.Role.ExternalId, SnsRegion = input.Pool.SnsRegion };
        var (update, copied) = BuildUpdate(before, sms);

        try
        {
            await cognito.UpdateUserPoolAsync(update, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.Is("InvalidSmsRoleTrustRelationshipException", "InvalidSmsRoleAccessPolicyException") && (input.Role.Created || input.Role.Repaired))
        {
            throw new StepException(StepErrors.SmsRoleNotYetAssumable,
                $"Cognito does not accept {input.Role.RoleArn} yet ({e.ErrorCode}): this run {(input.Role.Created ? "created" : "changed")} it moments ago and IAM changes reach Cognito late. Retried for two minutes; if it still fails, the role itself is wrong: redrive to let EnsureSmsRole repair it.", e);
        }
        catch (AwsServiceException e) when (e.Is("InvalidSmsRoleTrustRelationshipException"))
        {
            throw StepException.Failed($"Cognito does not accept the trust policy of {input.Role.RoleArn}: it must trust cognito-idp.amazonaws.com for this pool with external id {input.Role.ExternalId}. Redrive to let EnsureSmsRole repair it.", e);
        }
        catch (AwsServiceException e) when (e.Is("InvalidSmsRoleAccessPolicyException"))
        {
            throw StepException.Failed($"{input.Role.RoleArn} has no inline sns:Publish policy Cognito accepts. Redrive to let EnsureSmsRole repair it.", e);
        }
        catch (AwsServiceException e)
        {
            throw AwsCall.ToStepException($"Updating user pool {input.Pool.UserPoolId}", e);
        }

        var after = await DescribeAsync(cognito, input.Pool.UserPoolId, cancellationToken).ConfigureAwait(false);
        var changed = Differences(before, after).Where(f => !ExpectedToChange.Contains(f)).ToList();
        if (changed.Count > 0)
        {
            throw StepException.Failed($"UpdateUserPool changed more than the SMS settings of {input.Pool.UserPoolId}: {string.Join(", ", changed)}. Compare the pool with its previous configuration and restore these fields.");
        }

        var applied = after.SmsConfiguration;
        if (applied?.SnsCallerArn != sms.SnsCallerArn || applied.ExternalId != sms.ExternalId || applied.SnsRegion != sms.SnsRegion)
        {
            throw StepException.Failed($"User pool {input.Pool.UserPoolId} does not read back the SMS configuration that was written.");
        }

        if (!string.IsNullOrEmpty(after.SmsConfigurationFailure))
        {
            throw new StepException(StepErrors.SmsConfigurationFailure, SmsConfigurationFailureCause(input, after.SmsConfigurationFailure));
        }

        return new FinalizeResult(sms.SnsCallerArn!, sms.SnsRegion!, copied, ["SmsConfiguration"]);
    }

    /// <summary>What to do about each reason DescribeUserPool may list (comma-separated, per the Cognito API model).</summary>
    public static string SmsConfigurationFailureCause(FinalizeInput input, string failure)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(failure);
        var reasons = failure.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(reason => reason switch
        {
            "InvalidSmsRoleAccessPolicyException" => $"the role {input.Role.RoleArn} does not let Cognito publish SMS (trust for cognito-idp.amazonaws.com with external id {input.Role.ExternalId}, and sns:Publish); redrive to let EnsureSmsRole repair it",
            "SNSSandbox" => $"the account is still in the SMS sandbox in {input.Pool.SnsRegion}, so SMS reach verified numbers only; the sandbox exit is not in effect yet",
            _ => $"Cognito reports '{reason}'",
        });
        return $"User pool {input.Pool.UserPoolId} took the SMS configuration, but Cognito says it cannot send SMS with it (SmsConfigurationFailure {failure}): {string.Join("; ", reasons)}.";
    }

    /// <summary>The UpdateUserPool request that keeps everything of <paramref name="pool"/> and sets <paramref name="sms"/>.</summary>
    public static (UpdateUserPoolRequest Request, IReadOnlyList<string> Copied) BuildUpdate(UserPoolType pool, SmsConfigurationType sms)
    {
        ArgumentNullException.ThrowIfNull(pool);
        // Work on a deep copy: the caller compares the original afterwards.
        var source = JsonSerializer.Deserialize(JsonSerializer.Serialize(pool, CognitoIdentityProviderJsonContext.Default.UserPoolType), CognitoIdentityProviderJsonContext.Default.UserPoolType)!;
        var request = new UpdateUserPoolRequest { UserPoolId = pool.Id, PoolName = pool.Name, SmsConfiguration = sms };
        var copied = new List<string> { "Name→PoolName" };
        foreach (var target in typeof(UpdateUserPoolRequest).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            if (NotCopiedByName.Contains(target.Name))
            {
                continue;
            }

            var from = typeof(UserPoolType).GetProperty(target.Name)
                ?? throw new InvalidOperationException($"UpdateUserPool accepts {target.Name} but DescribeUserPool has no such member; map it explicitly.");
            target.SetValue(request, from.GetValue(source));
            copied.Add(target.Name);
        }

        // Sending the legacy field next to TemporaryPasswordValidityDays is an InvalidParameterException.
        if (request.AdminCreateUserConfig is { UnusedAccountValidityDays: not null } admin
            && request.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays is not null)
        {
            admin.UnusedAccountValidityDays = null;
        }

        return (request, copied);
    }

    /// <summary>Top-level members whose JSON differs.</summary>
    public static IReadOnlyList<string> Differences(UserPoolType before, UserPoolType after)
    {
        var a = JsonSerializer.SerializeToNode(before, CognitoIdentityProviderJsonContext.Default.UserPoolType)!.AsObject();
        var b = JsonSerializer.SerializeToNode(after, CognitoIdentityProviderJsonContext.Default.UserPoolType)!.AsObject();
        if (before.Policies?.PasswordPolicy?.TemporaryPasswordValidityDays is not null)
        {
            // The legacy mirror of TemporaryPasswordValidityDays is dropped on purpose (it cannot be sent with it).
            (a["AdminCreateUserConfig"] as JsonObject)?.Remove("UnusedAccountValidityDays");
            (b["AdminCreateUserConfig"] as JsonObject)?.Remove("UnusedAccountValidityDays");
        }

        return a.Select(p => p.Key).Union(b.Select(p => p.Key))
            .Where(k => !JsonNode.DeepEquals(a[k], b[k]))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static async Task<UserPoolType> DescribeAsync(IAmazonCognitoIdentityProvider cognito, string poolId, CancellationToken ct)
    {
        var response = await AwsCall.Run($"Describing user pool {poolId}", () =>
            cognito.DescribeUserPoolAsync(new DescribeUserPoolRequest { UserPoolId = poolId }, ct)).ConfigureAwait(false);
        return response.UserPool ?? throw StepException.Failed($"DescribeUserPool returned no pool for {poolId}.");
    }
}
