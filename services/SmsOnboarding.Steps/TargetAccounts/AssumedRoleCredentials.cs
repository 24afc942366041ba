using Amazon.Runtime;
using SmsOnboarding.Aws.SecurityToken;
using SmsOnboarding.Aws.SecurityToken.Model;

namespace SmsOnboarding.Steps.TargetAccounts;

/// <summary>
/// A session of the target role, assumed with the step's own credentials and renewed shortly before it expires on
/// the workflow's clock (which skips days locally, so wall-clock expiry would be wrong).
/// </summary>
public sealed class AssumedRoleCredentials(IAmazonSecurityTokenService sts, AssumeRoleRequest request, TimeProvider time) : AWSCredentials
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (ImmutableCredentials Credentials, DateTimeOffset Expiration)? _session;

    public override ImmutableCredentials GetCredentials() => GetCredentialsAsync().GetAwaiter().GetResult();

    public override async Task<ImmutableCredentials> GetCredentialsAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_session is not { } session || time.GetUtcNow() >= session.Expiration - RenewBefore)
            {
                var credentials = (await sts.AssumeRoleAsync(request).ConfigureAwait(false)).Credentials
                    ?? throw new InvalidOperationException($"STS AssumeRole of {request.RoleArn} answered without credentials.");
                session = (new ImmutableCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken),
                    credentials.Expiration is { } expiration ? new DateTimeOffset(DateTime.SpecifyKind(expiration, DateTimeKind.Utc)) : time.GetUtcNow());
                _session = session;
            }
            return session.Credentials;
        }
        finally
        {
            _gate.Release();
        }
    }
}
