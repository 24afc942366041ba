using SmsOnboarding.Aws.CognitoIdentityProvider;
using SmsOnboarding.Aws.CognitoIdentityProvider.Model;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Domain.Phones;
using SmsOnboarding.Steps.Aws;
using SmsOnboarding.Steps.Contracts;
using SmsOnboarding.Steps.Handlers;
using SmsOnboarding.Steps.Idempotency;

namespace SmsOnboarding.Steps.SendTestMessage;

/// <summary>
/// Proves the pool can send SMS the way its users will get them: Cognito itself invites a temporary user by SMS
/// to a test number, which makes Cognito assume the pool's SMS role and publish with it, so a role Cognito
/// cannot use fails this run instead of the first real user. The temporary user is deleted straight after.
/// </summary>
public sealed class SendTestMessageHandler(IAwsClientFactory aws, IIdempotencyStore store, TimeProvider time) : IStepHandler<StepInput, TestMessageResult>
{
    public async Task<TestMessageResult> HandleAsync(StepInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Request.SandboxNumbers.Count == 0)
        {
            return new TestMessageResult(false, null, null, "The request lists no test number.");
        }

        var to = input.Request.SandboxNumbers[0];
        var cognito = aws.Cognito(input.Pool.PoolRegion);
        var poolId = input.Pool.UserPoolId;
        var pool = await AwsCall.Run($"Describing user pool {poolId}", () =>
            cognito.DescribeUserPoolAsync(new DescribeUserPoolRequest { UserPoolId = poolId }, cancellationToken)).ConfigureAwait(false);
        var key = IdempotencyKeys.For(input.ExecutionArn, SendTestMessageStep.Name);
        var requested = ProofUsername(pool.UserPool?.UsernameAttributes, to, IdempotencyKeys.Reference(key));
        var created = await store.RunAsync(key, time, Once.NothingToRecover,
            () => InviteAsync(cognito, poolId, requested, to, cancellationToken), cancellationToken).ConfigureAwait(false);

        try
        {
            await cognito.AdminDeleteUserAsync(new AdminDeleteUserRequest { UserPoolId = poolId, Username = created }, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsServiceException e) when (e.Is("UserNotFoundException"))
        {
            // An earlier attempt deleted it already.
        }
        catch (AwsServiceException e)
        {
            throw AwsCall.ToStepException($"Deleting the temporary user {created} from {poolId}", e);
        }

        return new TestMessageResult(true, E164.Mask(to), null, null, created);
    }

    /// <summary>
    /// A pool that signs in by phone or e-mail (UsernameAttributes) takes that value as Username; any other pool
    /// gets a name no person would pick, unique to this onboarding.
    /// </summary>
    public static string ProofUsername(IReadOnlyCollection<string>? usernameAttributes, string phone, string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (usernameAttributes is not { Count: > 0 })
        {
            return "sms-onboarding-proof-" + reference["smsonb-".Length..][..16];
        }

        return usernameAttributes.Contains("phone_number")
            ? phone
            : $"sms-onboarding-proof+{reference["smsonb-".Length..][..16]}@example.invalid";
    }

    private static async Task<string> InviteAsync(IAmazonCognitoIdentityProvider cognito, string poolId, string username, string to, CancellationToken ct)
    {
        var invite = new AdminCreateUserRequest
        {
            UserPoolId = poolId,
            Username = username,
            UserAttributes = [new AttributeType { Name = "phone_number", Value = to }, new AttributeType { Name = "phone_number_verified", Value = "true" }],
            DesiredDeliveryMediums = ["SMS"],
        };
        try
        {
            var response = await cognito.AdminCreateUserAsync(invite, ct).ConfigureAwait(false);
            return response.User?.Username ?? username;
        }
        catch (AwsServiceException e) when (e.Is("InvalidSmsRoleTrustRelationshipException"))
        {
            throw StepException.Failed($"Cognito could not assume the pool's SMS role to send the invitation to {E164.Mask(to)}: {e.Message}. The role must trust cognito-idp.amazonaws.com for this pool and external id; redrive to let EnsureSmsRole repair it.", e);
        }
        catch (AwsServiceException e) when (e.Is("InvalidSmsRoleAccessPolicyException"))
        {
            throw StepException.Failed($"Cognito assumed the pool's SMS role but may not publish with it: {e.Message}. Redrive to let EnsureSmsRole repair its sns:Publish policy.", e);
        }
        catch (AwsServiceException e) when (e.Is("UsernameExistsException") && !username.StartsWith('+'))
        {
            // The name belongs to this onboarding: an earlier attempt created the user and sent the SMS.
            return username;
        }
        catch (AwsServiceException e) when (e.Is("UsernameExistsException", "AliasExistsException"))
        {
            throw StepException.Failed($"A user of {poolId} already signs in with the test number {E164.Mask(to)}; the proof does not touch real users. List another number first in sandboxNumbers and redrive.", e);
        }
        catch (AwsServiceException e)
        {
            throw AwsCall.ToStepException($"Inviting a temporary user of {poolId} by SMS", e);
        }
    }
}
