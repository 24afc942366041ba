using System.Text.Json.Nodes;

namespace SmsOnboarding.Simulator.State;

internal sealed class UserPool
{
    public required string Id { get; init; }
    public required string Region { get; init; }
    public required DateTimeOffset CreationDate { get; init; }
    public required string Name { get; set; }
    public DateTimeOffset LastModifiedDate { get; set; }

    /// <summary>The settings UpdateUserPool replaces wholesale (its input members, minus id and name).</summary>
    public JsonObject Settings { get; set; } = [];

    /// <summary>Settings fixed at creation (schema, sign-in attributes).</summary>
    public JsonObject Fixed { get; init; } = [];

    /// <summary>MFA factors only SetUserPoolMfaConfig changes.</summary>
    public JsonObject MfaFactors { get; } = [];

    /// <summary>Users by username (AdminCreateUser's UserType, as DescribeUser would show them).</summary>
    public JsonObject Users { get; init; } = [];

    public string Arn(string accountId) => $"arn:aws:cognito-idp:{Region}:{accountId}:userpool/{Id}";
}
