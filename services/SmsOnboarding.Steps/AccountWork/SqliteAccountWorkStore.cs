using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SmsOnboarding.Steps.AccountWork;

/// <summary>Account work in a table of the local idempotency file; one statement per decision, so SQLite's write lock makes it atomic across processes.</summary>
public sealed class SqliteAccountWorkStore : IAccountWorkStore
{
    private readonly string _connectionString;

    public SqliteAccountWorkStore(string databasePath)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS account_work (
              key TEXT PRIMARY KEY,
              owner TEXT NOT NULL,
              amount TEXT NOT NULL,
              amount_cents INTEGER NOT NULL,
              opened_at TEXT NOT NULL,
              outcome TEXT,
              reason TEXT);
            """;
        command.ExecuteNonQuery();
    }

    public async Task<AccountWorkRecord> ClaimOrJoinAsync(string key, AccountWorkRecord proposed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        // A new key, ended work, the owner's own retry, or a larger amount takes the key; anything else leaves the row as it is (0 rows changed).
        command.CommandText = """
            INSERT INTO account_work (key, owner, amount, amount_cents, opened_at, outcome, reason) VALUES ($key, $owner, $amount, $cents, $at, NULL, NULL)
            ON CONFLICT(key) DO UPDATE SET owner = excluded.owner, amount = excluded.amount, amount_cents = excluded.amount_cents,
              opened_at = excluded.opened_at, outcome = NULL, reason = NULL
            WHERE account_work.outcome IS NOT NULL OR account_work.owner = excluded.owner OR account_work.amount_cents < excluded.amount_cents
            """;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$owner", proposed.OwnerExecutionArn);
        command.Parameters.AddWithValue("$amount", proposed.Amount.ToString(CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$cents", Cents(proposed.Amount));
        command.Parameters.AddWithValue("$at", proposed.OpenedAt.ToString("O", CultureInfo.InvariantCulture));
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
        {
            return proposed;
        }

        return await GetAsync(key, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Account work {key} was neither written nor found.");
    }

    public async Task<AccountWorkRecord?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT owner, amount, opened_at, outcome, reason FROM account_work WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader, 0) : null;
    }

    public async Task<IReadOnlyList<AccountWorkEntry>> OpenAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, owner, amount, opened_at, outcome, reason FROM account_work WHERE outcome IS NULL ORDER BY key";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var open = new List<AccountWorkEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            open.Add(new AccountWorkEntry(reader.GetString(0), Read(reader, 1)));
        }
        return open;
    }

    private static AccountWorkRecord Read(SqliteDataReader reader, int first) => new(
        reader.GetString(first),
        decimal.Parse(reader.GetString(first + 1), CultureInfo.InvariantCulture),
        DateTimeOffset.Parse(reader.GetString(first + 2), CultureInfo.InvariantCulture),
        reader.IsDBNull(first + 3) ? null : reader.GetString(first + 3),
        reader.IsDBNull(first + 4) ? null : reader.GetString(first + 4));

    public async Task EndAsync(string key, string ownerExecutionArn, string outcome, string? reason, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE account_work SET outcome = $outcome, reason = $reason WHERE key = $key AND owner = $owner AND outcome IS NULL";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$owner", ownerExecutionArn);
        command.Parameters.AddWithValue("$outcome", outcome);
        command.Parameters.AddWithValue("$reason", (object?)reason ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // Compared as whole cents: SQLite has no decimal type, and a REAL would compare 0.1 + 0.2 wrongly.
    private static long Cents(decimal amount) => (long)decimal.Round(amount * 100, MidpointRounding.AwayFromZero);

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;";
        pragma.ExecuteNonQuery();
        return connection;
    }
}
