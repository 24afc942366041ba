namespace SmsOnboarding.Aws;

/// <summary>The botocore model lists this member as required; requests missing it are rejected before sending.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AwsRequiredAttribute : Attribute;

/// <summary>The member holds a botocore enum; <see cref="ValuesType"/> is the constants class with its allowed values.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AwsEnumAttribute(Type valuesType) : Attribute
{
    public Type ValuesType { get; } = valuesType;
}

/// <summary>The botocore model marks the value sensitive (phone numbers, one-time passwords): never log it.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AwsSensitiveAttribute : Attribute;

/// <summary>The member is the operation's idempotency token; the client fills it when empty so retries are safe.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AwsIdempotencyTokenAttribute : Attribute;

/// <summary>An operation input shape.</summary>
public interface IAwsRequest
{
    /// <summary>Wire names of required members that are not set.</summary>
    IEnumerable<string> MissingRequiredMembers();
}

/// <summary>An input shape with an idempotency token (e.g. ClientToken): safe to retry once the token is set.</summary>
public interface IAwsIdempotentRequest : IAwsRequest
{
    string? IdempotencyToken { get; set; }
}
