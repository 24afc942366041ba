namespace SmsOnboarding.Simulator.Iam.Policies;

/// <summary>
/// Who makes a request, as policies name principals: an AWS principal (an IAM user, or a role session, which
/// also answers to its role's ARN) in an account, or a service principal such as <c>cognito-idp.amazonaws.com</c>.
/// </summary>
public sealed record Caller(string Type, IReadOnlyList<string> Arns, string? AccountId)
{
    public static Caller Service(string servicePrincipal) => new("Service", [servicePrincipal], null);

    public static Caller Aws(string accountId, params string[] arns) => new("AWS", arns, accountId);
}

/// <summary>The request context a policy is evaluated against: action, resource ARN (<c>*</c> for actions without one), caller, condition keys.</summary>
public sealed record AccessRequest(string Action, string Resource, Caller? Principal, IReadOnlyDictionary<string, IReadOnlyList<string>> Context)
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Keys(params (string Key, string Value)[] pairs)
    {
        var keys = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in pairs)
        {
            keys[key] = keys.TryGetValue(key, out var existing) ? [.. existing, value] : [value];
        }
        return keys;
    }
}
