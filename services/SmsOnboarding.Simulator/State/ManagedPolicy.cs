namespace SmsOnboarding.Simulator.State;

/// <summary>A customer managed policy (one version, v1): attachable to roles as a permissions policy or a permissions boundary.</summary>
internal sealed record ManagedPolicy(string Arn, string PolicyName, string Path, string PolicyId, string Document, DateTimeOffset CreateDate);
