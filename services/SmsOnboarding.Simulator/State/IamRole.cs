namespace SmsOnboarding.Simulator.State;

/// <summary>A change not every reader has seen yet: <see cref="Previous"/> (null: the policy did not exist) until it propagates.</summary>
internal sealed record PendingChange(string? Previous, DateTimeOffset ChangedAt);

internal sealed class IamRole
{
    public required string RoleName { get; init; }
    public required string Path { get; init; }
    public required string RoleId { get; init; }
    public required DateTimeOffset CreateDate { get; init; }
    public required string AssumeRolePolicyDocument { get; set; }
    public string? Description { get; set; }
    public int MaxSessionDuration { get; set; } = 3600;
    public List<KeyValuePair<string, string>> Tags { get; } = [];
    public SortedDictionary<string, string> InlinePolicies { get; } = new(StringComparer.Ordinal);
    public string? PermissionsBoundaryArn { get; set; }
    public List<string> AttachedPolicyArns { get; } = [];

    /// <summary>The last trust policy change, for readers that have not seen it yet (IAM is eventually consistent).</summary>
    public PendingChange? TrustChange { get; set; }

    /// <summary>The last change of each inline policy, by policy name.</summary>
    public SortedDictionary<string, PendingChange> InlinePolicyChanges { get; } = new(StringComparer.Ordinal);

    public string Arn(string accountId) => $"arn:aws:iam::{accountId}:role{Path}{RoleName}";

    public void SetTag(string key, string value)
    {
        var index = Tags.FindIndex(t => t.Key == key);
        if (index >= 0)
        {
            Tags[index] = new(key, value);
        }
        else
        {
            Tags.Add(new(key, value));
        }
    }
}
