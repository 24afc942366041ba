using SmsOnboarding.Simulator.Services.Sts;

namespace SmsOnboarding.Simulator;

/// <summary>Temporary credentials a service obtained by assuming a role (AccessKeyId starts with ASIA, as in AWS).</summary>
public sealed record ServiceRoleCredentials(string AccessKeyId, string SecretAccessKey, string SessionToken, DateTimeOffset Expiration);

public sealed partial class SimulatedAccount
{
    /// <summary>
    /// What an AWS service does before it acts with a role it was given (Lambda with a function's execution role):
    /// the role's trust policy must allow <paramref name="servicePrincipal"/>. Refused as AccessDenied otherwise.
    /// </summary>
    public ServiceRoleCredentials AssumeRoleAsService(string servicePrincipal, string roleArn, string sessionName)
    {
        lock (Gate)
        {
            var session = RoleSessions.IssueForService(this, servicePrincipal, roleArn, sessionName, Now);
            SaveChanges();
            return new ServiceRoleCredentials(session.AccessKeyId, session.SecretAccessKey, session.SessionToken, session.Expiration);
        }
    }

    /// <summary>Whether STS already finds the role (IAM propagation) when someone asks to assume it; its trust still decides who may.</summary>
    public bool RoleIsVisibleToSts(string roleArn)
    {
        lock (Gate)
        {
            return RoleSessions.Visible(this, roleArn);
        }
    }

    /// <summary>Whether the service could assume the role now (Lambda's check of a function's role), without a session.</summary>
    public bool CanAssumeRoleAsService(string servicePrincipal, string roleArn)
    {
        lock (Gate)
        {
            return RoleSessions.RoleTrusting(this, servicePrincipal, roleArn) is not null;
        }
    }
}
