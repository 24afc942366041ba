namespace SmsOnboarding.Simulator.Iam.Policies;

public enum Effect
{
    Allow,
    Deny,
}

/// <summary>Which grammar a document is checked against: IAM refuses a Principal in identity policies and a Resource in trust policies.</summary>
public enum PolicyKind
{
    Identity,
    Trust,
}

/// <summary>One principal named in a Principal/NotPrincipal element: <c>("AWS", arn)</c>, <c>("Service", name)</c>, or <c>("*", "*")</c>.</summary>
public sealed record PrincipalRef(string Type, string Value);

/// <summary>One condition: the operator as written (with its ForAnyValue:/ForAllValues: prefix and IfExists suffix), the key, the values.</summary>
public sealed record Condition(string Operator, string Key, IReadOnlyList<string> Values);

/// <summary>
/// A policy statement. <c>Not*</c> flags mean the element was written as NotAction/NotResource/NotPrincipal;
/// a null <see cref="Resources"/> or <see cref="Principals"/> means the element is absent.
/// </summary>
public sealed record Statement(
    string? Sid,
    Effect Effect,
    IReadOnlyList<string> Actions,
    bool NotAction,
    IReadOnlyList<string>? Resources,
    bool NotResource,
    IReadOnlyList<PrincipalRef>? Principals,
    bool NotPrincipal,
    IReadOnlyList<Condition> Conditions);

/// <summary>A parsed IAM JSON policy (see <see cref="PolicyParser"/>).</summary>
public sealed record Policy(IReadOnlyList<Statement> Statements)
{
    public static Policy Parse(string json, PolicyKind kind) => PolicyParser.Parse(json, kind);
}

/// <summary>A document IAM would refuse with MalformedPolicyDocument; the message is IAM's where known.</summary>
public sealed class PolicyFormatException(string message) : Exception(message);
