namespace SmsOnboarding.Simulator.State;

/// <summary>Temporary credentials issued by STS AssumeRole: valid with their session token until <see cref="Expiration"/> (account time).</summary>
internal sealed record RoleSession(
    string AccessKeyId,
    string SecretAccessKey,
    string SessionToken,
    string RoleName,
    string RoleId,
    string RoleArn,
    string SessionName,
    DateTimeOffset Expiration)
{
    /// <summary>The inline session policy it was issued with: the session may do only what both it and the role allow.</summary>
    public string? SessionPolicy { get; init; }

    public string Arn(string accountId) => $"arn:aws:sts::{accountId}:assumed-role/{RoleName}/{SessionName}";
}
