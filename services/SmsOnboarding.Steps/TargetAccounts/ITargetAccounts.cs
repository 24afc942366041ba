using SmsOnboarding.Steps.Aws;

namespace SmsOnboarding.Steps.TargetAccounts;

/// <summary>The port through which a step reaches the account a pool lives in (issue 12.1, decision 0025).</summary>
public interface ITargetAccounts
{
    /// <summary>
    /// Clients that act in <paramref name="accountId"/> as a session named <paramref name="sessionName"/>, allowed only
    /// <paramref name="stepGrants"/>; null when <paramref name="accountId"/> is the service's own account, where the
    /// step's own clients act.
    /// </summary>
    Task<IAwsClientFactory?> InAccountAsync(string accountId, string sessionName, IReadOnlyList<IamGrant> stepGrants, CancellationToken cancellationToken);
}
