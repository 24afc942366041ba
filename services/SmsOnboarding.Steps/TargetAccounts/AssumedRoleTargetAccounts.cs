using System.Collections.Concurrent;
using Amazon.Runtime;
using SmsOnboarding.Aws.SecurityToken.Model;
using SmsOnboarding.Steps.Aws;

namespace SmsOnboarding.Steps.TargetAccounts;

/// <summary>
/// Reaches a team's account through STS AssumeRole of <see cref="TargetRole"/> there, with the deployment's ExternalId,
/// a session named after the onboarding and a session policy of exactly the step's grants. The service's own account
/// is found once with GetCallerIdentity (which needs no permission) and acted in directly. Sessions are cached per
/// account, session name and grants until shortly before they expire; a session unused for an hour is forgotten.
/// </summary>
public sealed class AssumedRoleTargetAccounts(
    IAwsClientFactory home,
    Func<AWSCredentials, IAwsClientFactory> clientsWith,
    string externalId,
    TimeProvider time) : ITargetAccounts, IDisposable
{
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<(string Account, string Session, string Policy), Lazy<Entry>> _sessions = new();
    private readonly SemaphoreSlim _identity = new(1, 1);
    private (string Account, string Partition)? _home;

    public async Task<IAwsClientFactory?> InAccountAsync(string accountId, string sessionName, IReadOnlyList<IamGrant> stepGrants,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        var (homeAccount, partition) = await HomeAsync(cancellationToken).ConfigureAwait(false);
        if (accountId == homeAccount)
        {
            return null;
        }
        var policy = TargetRole.SessionPolicy(stepGrants, partition, accountId);
        var now = time.GetUtcNow();
        Forget(now);
        var entry = _sessions.GetOrAdd((accountId, TargetRole.SessionName(sessionName), policy), key => new Lazy<Entry>(() =>
        {
            var credentials = new AssumedRoleCredentials(home.Sts(AwsClientFactory.SupportRegion), new AssumeRoleRequest
            {
                RoleArn = TargetRole.Arn(key.Account, partition),
                RoleSessionName = key.Session,
                ExternalId = externalId,
                Policy = key.Policy,
            }, time);
            return new Entry(credentials, clientsWith(credentials));
        })).Value;
        entry.LastUsed = now;
        // Assumed now, so a refusal (no member stack, wrong ExternalId) fails the step here, saying which account.
        await entry.Credentials.GetCredentialsAsync().ConfigureAwait(false);
        return entry.Clients;
    }

    public void Dispose()
    {
        foreach (var entry in _sessions.Values.Where(e => e.IsValueCreated))
        {
            (entry.Value.Clients as IDisposable)?.Dispose();
        }
        _sessions.Clear();
        _identity.Dispose();
    }

    private async Task<(string Account, string Partition)> HomeAsync(CancellationToken cancellationToken)
    {
        if (_home is { } known)
        {
            return known;
        }
        await _identity.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_home is null)
            {
                var caller = await home.Sts(AwsClientFactory.SupportRegion).GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken)
                    .ConfigureAwait(false);
                _home = (caller.Account ?? throw new InvalidOperationException("STS GetCallerIdentity answered without an account."),
                    caller.Arn?.Split(':') is [_, var partition, ..] ? partition : "aws");
            }
            return _home.Value;
        }
        finally
        {
            _identity.Release();
        }
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, entry) in _sessions)
        {
            if (entry.IsValueCreated && now - entry.Value.LastUsed > ForgetAfter && _sessions.TryRemove(key, out var removed))
            {
                (removed.Value.Clients as IDisposable)?.Dispose();
            }
        }
    }

    private sealed class Entry(AssumedRoleCredentials credentials, IAwsClientFactory clients)
    {
        public AssumedRoleCredentials Credentials { get; } = credentials;
        public IAwsClientFactory Clients { get; } = clients;
        public DateTimeOffset LastUsed { get; set; }
    }
}
