using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SmsOnboarding.Api.Auth;

/// <summary>A problem with the users file, with where it is.</summary>
public sealed class UsersFileException(string message) : Exception(message);

/// <summary>
/// Bearer tokens from a users file: <c>[{"name","token","roles":[...]}]</c>. Local and demo use only;
/// a deployment would put an identity provider in front instead.
/// </summary>
public sealed class UserDirectory
{
    private readonly List<(byte[] Token, ApiUser User)> _users;

    private UserDirectory(List<(byte[] Token, ApiUser User)> users, IReadOnlyList<(string Name, string Token, string[] Roles)> entries)
    {
        _users = users;
        Entries = entries;
    }

    /// <summary>Name, token and roles of every user (for the startup banner of <c>serve</c>).</summary>
    public IReadOnlyList<(string Name, string Token, string[] Roles)> Entries { get; }

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
        UserEntry[]? entries;
        try
        {
            entries = JsonSerializer.Deserialize<UserEntry[]>(json, JsonSerializerOptions.Web);
        }
        catch (JsonException e)
        {
            throw new UsersFileException($"{source}: not a JSON array of users ({e.Message})");
        }
        if (entries is null || entries.Length == 0)
        {
            throw new UsersFileException($"{source}: expected a non-empty JSON array [{{\"name\",\"token\",\"roles\"}}]");
        }
        var users = new List<(byte[], ApiUser)>();
        var listed = new List<(string, string, string[])>();
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Length; i++)
        {
            var e = entries[i];
            var where = $"{source}: users[{i}]";
            if (string.IsNullOrWhiteSpace(e?.Name))
            {
                throw new UsersFileException($"{where}.name is missing");
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
            users.Add((Encoding.UTF8.GetBytes(e.Token), new ApiUser(e.Name, new HashSet<string>(e.Roles, StringComparer.Ordinal))));
            listed.Add((e.Name, e.Token, e.Roles));
        }
        return new UserDirectory(users, listed);
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

    private sealed record UserEntry(string? Name, string? Token, string[]? Roles);
}
