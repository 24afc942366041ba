using System.Text.Json;
using SmsOnboarding.Api.Auth;

namespace SmsOnboarding.Api.Lambda;

/// <summary>One IAM principal allowed to use the API, with the API name and roles it acts as.</summary>
public sealed record PrincipalEntry(string? Arn, string? Name, string[]? Roles);

/// <summary>
/// Maps IAM principals (API Gateway's <c>requestContext.identity.userArn</c>) to API users. The mapping comes from
/// the <see cref="Variable"/> environment variable (a JSON array of <see cref="PrincipalEntry"/>) so who may do what
/// is reviewed and deployed with the stack, like the IAM policy that lets them call the API at all.
/// </summary>
public sealed class PrincipalDirectory
{
    public const string Variable = "SMS_ONBOARDING_PRINCIPALS";

    private readonly Dictionary<string, ApiUser> _byArn;

    private PrincipalDirectory(Dictionary<string, ApiUser> byArn) => _byArn = byArn;

    public static PrincipalDirectory Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new PrincipalDirectory(new Dictionary<string, ApiUser>(StringComparer.Ordinal));
        }
        PrincipalEntry[]? entries;
        try
        {
            entries = JsonSerializer.Deserialize(json, LambdaJsonContext.Default.PrincipalEntryArray);
        }
        catch (JsonException e)
        {
            throw new UsersFileException($"{Variable}: not a JSON array of {{\"arn\",\"name\",\"roles\"}} ({e.Message})");
        }
        var byArn = new Dictionary<string, ApiUser>(StringComparer.Ordinal);
        for (var i = 0; i < (entries?.Length ?? 0); i++)
        {
            var e = entries![i];
            var where = $"{Variable}[{i}]";
            if (e is null || string.IsNullOrWhiteSpace(e.Arn) || !e.Arn.StartsWith("arn:", StringComparison.Ordinal))
            {
                throw new UsersFileException($"{where}.arn must be an IAM principal ARN");
            }
            if (string.IsNullOrWhiteSpace(e.Name))
            {
                throw new UsersFileException($"{where}.name is missing");
            }
            if (e.Roles is not { Length: > 0 } || e.Roles.Any(r => !Roles.All.Contains(r)))
            {
                throw new UsersFileException($"{where}.roles must list one or more of requester, approver, ops");
            }
            if (!byArn.TryAdd(e.Arn, new ApiUser(e.Name, new HashSet<string>(e.Roles, StringComparer.Ordinal))))
            {
                throw new UsersFileException($"{where}.arn is listed twice");
            }
        }
        return new PrincipalDirectory(byArn);
    }

    public ApiUser? Find(string? principalArn) =>
        principalArn is not null && _byArn.TryGetValue(principalArn, out var user) ? user : null;
}
