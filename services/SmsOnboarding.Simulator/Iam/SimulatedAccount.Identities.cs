using SmsOnboarding.Simulator.Iam;
using SmsOnboarding.Simulator.Protocol;
using SmsOnboarding.Simulator.State;

namespace SmsOnboarding.Simulator;

/// <summary>Which credentials the account accepts and who they act as.</summary>
public sealed partial class SimulatedAccount
{
    // A field, not account state: what the users file says at this start (see AddUserAccessKey), never saved.
    private readonly Dictionary<string, UserAccessKey> _peopleKeys = new(StringComparer.Ordinal);

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
            if (_peopleKeys.TryGetValue(accessKeyId, out var key))
            {
                return sessionToken is null ? key.SecretAccessKey : null;
            }
            return SessionOf(accessKeyId) is ({ } session, _) && session.SessionToken == sessionToken ? session.SecretAccessKey : null;
        }
    }

    /// <summary>
    /// A long-term access key of an IAM user of this account: how the people of a local deployment's users file
    /// (decision 0017) act here as themselves. An administrator gets AdministratorAccess, as the local user has;
    /// anyone else no policy, so every call is refused by IAM, naming the user. Not kept in simulator.json: the
    /// users file is read again at every start.
    /// </summary>
    public void AddUserAccessKey(string userName, string accessKeyId, string secretAccessKey, bool administrator)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentException.ThrowIfNullOrWhiteSpace(accessKeyId);
        ArgumentException.ThrowIfNullOrWhiteSpace(secretAccessKey);
        if (accessKeyId == SimulatorCredentials.AccessKeyId)
        {
            throw new ArgumentException("The local user's key is built in and cannot belong to another user.", nameof(accessKeyId));
        }
        lock (Gate)
        {
            _peopleKeys[accessKeyId] = new UserAccessKey(userName, secretAccessKey, administrator);
        }
    }

    /// <summary>
    /// The identity of a verified access key and the account it acts in: a session acts in the account of its role,
    /// which may be a member account of the organisation (call with <see cref="Gate"/> held).
    /// </summary>
    internal (Identity Identity, SimulatedAccount Account) IdentityOf(string accessKeyId, bool json)
    {
        if (_peopleKeys.TryGetValue(accessKeyId, out var key))
        {
            return (Identity.User(AccountId, key), this);
        }
        if (SessionOf(accessKeyId) is not ({ } session, { } account))
        {
            return (Identity.LocalUser(AccountId), this);
        }
        if (Now >= session.Expiration)
        {
            // The "Common Errors" list of the AWS API references: awsJson services say ExpiredTokenException, awsQuery ones ExpiredToken.
            throw new AwsServiceException(json ? "ExpiredTokenException" : "ExpiredToken", "The security token included in the request is expired", 403);
        }
        return (Identity.Of(session, account.AccountId), account);
    }

    private (RoleSession? Session, SimulatedAccount? Account) SessionOf(string accessKeyId)
    {
        foreach (var account in OrganizationAccounts)
        {
            if (account.Sessions.TryGetValue(accessKeyId, out var session))
            {
                return (session, account);
            }
        }
        return (null, null);
    }
}
