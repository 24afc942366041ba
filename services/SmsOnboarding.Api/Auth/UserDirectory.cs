using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SmsOnboarding.Api.Auth;

/// <summary>A problem with the users file, with where it is.</summary>
public sealed class UsersFileException(string message) : Exception(message);

/// <summary>
/// The people of a local deployment, from a users file: <c>[{"name","token","roles":[...],"accessKeyId","secretAccessKey"}]</c>,
/// or <c>{"teams": {"payments": {"accounts": [...]}}, "users": [... "team": "payments" ...]}</c> (see <see cref="UsersFileShape"/>).
/// The bearer token authenticates them to the HTTP API; the optional AWS access key authenticates them, as the same
/// user with the same roles, to the AWS-compatible endpoints of serve (decision 0017). Local and demo use only; a
/// deployment would put an identity provider in front instead.
/// </summary>
public sealed partial class UserDirectory
{
    private readonly List<(byte[] Token, ApiUser User)> _users;
    private readonly Dictionary<string, (string Secret, ApiUser User)> _byAccessKey;

    private UserDirectory(List<(byte[] Token, ApiUser User)> users, Dictionary<string, (string Secret, ApiUser User)> byAccessKey,
        IReadOnlyList<(string Name, string Token, string[] Roles, string? AccessKeyId)> entries)
    {
        _users = users;
        _byAccessKey = byAccessKey;
        Entries = entries;
    }

    /// <summary>Name, token, roles and access key id of every user (for the startup banner of <c>serve</c>).</summary>
    public IReadOnlyList<(string Name, string Token, string[] Roles, string? AccessKeyId)> Entries { get; }

    public static UserDirectory LoadFile(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsersFileException($"cannot read users file '{path}': {e.Message}");
        }
        return Parse(json, path);
    }

    /// <summary>The demo users shipped inside the assembly (one per role).</summary>
    public static UserDirectory Demo()
    {
        using var stream = typeof(UserDirectory).Assembly.GetManifestResourceStream("demo-users.json")
            ?? throw new InvalidOperationException("demo-users.json is not embedded");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "demo-users.json");
    }

    public static UserDirectory Parse(string json, string source)
    {
        var (teams, entries) = UsersFileShape.Read(json, source);
        var users = new List<(byte[], ApiUser)>();
        var byAccessKey = new Dictionary<string, (string, ApiUser)>(StringComparer.Ordinal);
        var listed = new List<(string, string, string[], string?)>();
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Length; i++)
        {
            var e = entries[i];
            var where = $"{source}: users[{i}]";
            if (string.IsNullOrWhiteSpace(e?.Name))
            {
                throw new UsersFileException($"{where}.name is missing");
            }
            if (!names.Add(e.Name))
            {
                throw new UsersFileException($"{where}.name '{e.Name}' is listed twice");
            }
            if (string.IsNullOrWhiteSpace(e.Token) || e.Token.Length < 8)
            {
                throw new UsersFileException($"{where}.token must be at least 8 characters");
            }
            if (!tokens.Add(e.Token))
            {
                throw new UsersFileException($"{where}.token is used by another user");
            }
            if (e.Roles is not { Length: > 0 } || e.Roles.Any(r => !Roles.All.Contains(r)))
            {
                throw new UsersFileException($"{where}.roles must list one or more of requester, approver, ops");
            }
            var user = UsersFileShape.Scope(new ApiUser(e.Name, new HashSet<string>(e.Roles, StringComparer.Ordinal)), e.Team, e.Accounts, teams, where);
            if (e.AccessKeyId is not null || e.SecretAccessKey is not null)
            {
                if (e.AccessKeyId is null || !AccessKeyIdPattern().IsMatch(e.AccessKeyId))
                {
                    throw new UsersFileException($"{where}.accessKeyId must be 16 to 128 upper-case letters and digits, like AKIAIOSFODNN7EXAMPLE");
                }
                if (string.IsNullOrEmpty(e.SecretAccessKey) || e.SecretAccessKey.Length < 16)
                {
                    throw new UsersFileException($"{where}.secretAccessKey must be at least 16 characters");
                }
                if (!byAccessKey.TryAdd(e.AccessKeyId, (e.SecretAccessKey, user)))
                {
                    throw new UsersFileException($"{where}.accessKeyId is used by another user");
                }
            }
            users.Add((Encoding.UTF8.GetBytes(e.Token), user));
            listed.Add((e.Name, e.Token, e.Roles, e.AccessKeyId));
        }
        return new UserDirectory(users, byAccessKey, listed);
    }

    public ApiUser? FindByToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        var presented = Encoding.UTF8.GetBytes(token);
        ApiUser? found = null;
        // Compare with every entry in constant time so response timing does not reveal token prefixes.
        foreach (var (stored, user) in _users)
        {
            if (CryptographicOperations.FixedTimeEquals(stored, presented))
            {
                found = user;
            }
        }
        return found;
    }

    /// <summary>Every user's access key with its secret (a simulated account registers them as its IAM users).</summary>
    public IEnumerable<(ApiUser User, string AccessKeyId, string SecretAccessKey)> AccessKeys =>
        _byAccessKey.Select(k => (k.Value.User, k.Key, k.Value.Secret));

    /// <summary>The user an AWS access key belongs to, or null.</summary>
    public ApiUser? FindByAccessKey(string accessKeyId) =>
        _byAccessKey.TryGetValue(accessKeyId, out var entry) ? entry.User : null;

    /// <summary>
    /// For the SigV4 verifier: the secret of a user's long-term access key. People's keys never come with a session
    /// token (temporary credentials are the simulated account's, not the users file's).
    /// </summary>
    public string? SigningSecret(string accessKeyId, string? sessionToken) =>
        sessionToken is null && _byAccessKey.TryGetValue(accessKeyId, out var entry) ? entry.Secret : null;

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Z0-9]{16,128}$")]
    private static partial System.Text.RegularExpressions.Regex AccessKeyIdPattern();

}
