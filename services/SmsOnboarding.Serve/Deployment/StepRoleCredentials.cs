using Amazon.Runtime;
using SmsOnboarding.Simulator;

namespace SmsOnboarding.Serve.Deployment;

/// <summary>
/// A step function's credentials as Lambda gives them: a session of the function's execution role, renewed
/// before it expires on the account's clock (which skips days locally, so wall-clock expiry would be wrong).
/// </summary>
public sealed class StepRoleCredentials(SimulatedAccount account, string roleArn, string sessionName) : AWSCredentials
{
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);
    private readonly Lock _gate = new();
    private ServiceRoleCredentials? _session;

    public override ImmutableCredentials GetCredentials()
    {
        lock (_gate)
        {
            if (_session is null || account.Time.GetUtcNow() >= _session.Expiration - RenewBefore)
            {
                _session = account.AssumeRoleAsService(StepRoles.LambdaPrincipal, roleArn, sessionName);
            }
            return new ImmutableCredentials(_session.AccessKeyId, _session.SecretAccessKey, _session.SessionToken);
        }
    }

    public override Task<ImmutableCredentials> GetCredentialsAsync() => Task.FromResult(GetCredentials());
}
