using SmsOnboarding.Simulator.Iam;
using SmsOnboarding.Simulator.Protocol;

namespace SmsOnboarding.Simulator;

/// <summary>Which credentials the account accepts and who they act as.</summary>
public sealed partial class SimulatedAccount
{
    /// <summary>
    /// For the SigV4 verifier: the fixed local key (without a session token) and every issued session (with
    /// exactly its token). An expired session still verifies, so the request can be refused as ExpiredToken.
    /// </summary>
    public string? SigningSecret(string accessKeyId, string? sessionToken)
    {
        if (accessKeyId == SimulatorCredentials.AccessKeyId)
        {
            return sessionToken is null ? SimulatorCredentials.SecretAccessKey : null;
        }
        lock (Gate)
        {
            return Sessions.TryGetValue(accessKeyId, out var session) && session.SessionToken == sessionToken ? session.SecretAccessKey : null;
        }
    }

    /// <summary>The identity of a verified access key (call with <see cref="Gate"/> held).</summary>
    internal Identity IdentityOf(string accessKeyId, bool json)
    {
        if (!Sessions.TryGetValue(accessKeyId, out var session))
        {
            return Identity.LocalUser(AccountId);
        }
        if (Now >= session.Expiration)
        {
            // The "Common Errors" list of the AWS API references: awsJson services say ExpiredTokenException, awsQuery ones ExpiredToken.
            throw new AwsServiceException(json ? "ExpiredTokenException" : "ExpiredToken", "The security token included in the request is expired", 403);
        }
        return Identity.Of(session, AccountId);
    }
}
