using System.Text.Json;
using System.Text.RegularExpressions;

namespace SmsOnboarding.Api.Auth;

/// <summary>One person in the users file; <see cref="Team"/> and <see cref="Accounts"/> are the per-account rules.</summary>
internal sealed record UserEntry(
    string? Name, string? Token, string[]? Roles, string? AccessKeyId = null, string? SecretAccessKey = null,
    string? Team = null, string[]? Accounts = null);

internal sealed record TeamEntry(string[]? Accounts);

internal sealed record UsersFileObject(Dictionary<string, TeamEntry?>? Teams, UserEntry[]? Users);

/// <summary>
/// The two shapes of a users file. A JSON array of users is the original shape: it has no teams, so every requester
/// may onboard pools of any account. An object <c>{"teams": {NAME: {"accounts": [ID, ...]}}, "users": [...]}</c> maps
/// teams to accounts: then every requester names their <c>team</c> and onboards only that team's accounts, and an
/// approver with <c>"accounts"</c> approves only onboardings of those accounts. Anything malformed is refused at start,
/// naming the entry.
/// </summary>
internal static partial class UsersFileShape
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerOptions.Web)
    {
        AllowDuplicateProperties = false,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static (IReadOnlyDictionary<string, IReadOnlySet<string>>? Teams, UserEntry[] Users) Read(string json, string source)
    {
        var trimmed = json.AsSpan().TrimStart();
        try
        {
            if (trimmed.Length > 0 && trimmed[0] == '{')
            {
                var file = JsonSerializer.Deserialize<UsersFileObject>(json, Options);
                return (Teams(file?.Teams, source), NonEmpty(file?.Users, source));
            }
            return (null, NonEmpty(JsonSerializer.Deserialize<UserEntry[]>(json, Options), source));
        }
        catch (JsonException e)
        {
            throw new UsersFileException($"{source}: not a JSON array of users nor an object {{\"teams\", \"users\"}} ({e.Message})");
        }
    }

    /// <summary>The user with the accounts their team and their approver entry give them.</summary>
    public static ApiUser Scope(ApiUser user, string? team, string[]? accounts, IReadOnlyDictionary<string, IReadOnlySet<string>>? teams, string where)
    {
        IReadOnlySet<string>? teamAccounts = null;
        if (team is not null)
        {
            if (teams is null)
            {
                throw new UsersFileException($"{where}.team '{team}': this file has no teams; write it as {{\"teams\": {{...}}, \"users\": [...]}}");
            }
            if (!teams.TryGetValue(team, out teamAccounts))
            {
                throw new UsersFileException($"{where}.team '{team}' is not one of the file's teams ({string.Join(", ", teams.Keys)})");
            }
        }
        else if (teams is not null && user.Roles.Contains(Roles.Requester))
        {
            throw new UsersFileException($"{where}: requester '{user.Name}' needs a team, because the file maps teams to accounts");
        }
        IReadOnlySet<string>? approverAccounts = null;
        if (accounts is not null)
        {
            if (!user.Roles.Contains(Roles.Approver))
            {
                throw new UsersFileException($"{where}.accounts limits what an approver approves, but '{user.Name}' is not an approver");
            }
            approverAccounts = AccountSet(accounts, $"{where}.accounts");
        }
        return user with { Team = team, TeamAccounts = teamAccounts, ApproverAccounts = approverAccounts };
    }

    private static UserEntry[] NonEmpty(UserEntry[]? users, string source) =>
        users is { Length: > 0 } ? users : throw new UsersFileException($"{source}: expected a non-empty list of users [{{\"name\",\"token\",\"roles\"}}]");

    private static Dictionary<string, IReadOnlySet<string>> Teams(Dictionary<string, TeamEntry?>? teams, string source)
    {
        if (teams is null or { Count: 0 })
        {
            throw new UsersFileException($"{source}: \"teams\" must map one or more team names to {{\"accounts\": [...]}}");
        }
        var byName = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var (name, team) in teams)
        {
            var where = $"{source}: teams.{name}";
            if (string.IsNullOrWhiteSpace(name) || name.Trim() != name)
            {
                throw new UsersFileException($"{where}: a team name must be non-empty with no surrounding spaces");
            }
            byName[name] = AccountSet(team?.Accounts, $"{where}.accounts");
        }
        return byName;
    }

    private static HashSet<string> AccountSet(string[]? accounts, string where)
    {
        if (accounts is not { Length: > 0 })
        {
            throw new UsersFileException($"{where} must list one or more 12-digit AWS account ids");
        }
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < accounts.Length; i++)
        {
            if (accounts[i] is not { } account || !AccountId().IsMatch(account))
            {
                throw new UsersFileException($"{where}[{i}] '{accounts[i]}' is not a 12-digit AWS account id");
            }
            if (!set.Add(account))
            {
                throw new UsersFileException($"{where}[{i}] '{account}' is listed twice");
            }
        }
        return set;
    }

    [GeneratedRegex(Domain.Requests.RequestFields.AccountIdPattern, RegexOptions.CultureInvariant)]
    private static partial Regex AccountId();
}
