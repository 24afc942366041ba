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
    public string Arn(string accountId) => $"arn:aws:sts::{accountId}:assumed-role/{RoleName}/{SessionName}";
}
