using Microsoft.Data.Sqlite;

namespace SmsOnboarding.Steps.Idempotency;

public sealed class SqliteIdempotencyStore : IIdempotencyStore
{
    private readonly string _connectionString;

    public SqliteIdempotencyStore(string databasePath)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS idempotency (
              key TEXT PRIMARY KEY,
              state TEXT NOT NULL,
              value TEXT,
              updated_at TEXT NOT NULL,
              in_progress_until INTEGER);
            """;
        command.ExecuteNonQuery();
        AddClaimColumnToOlderFiles(connection);
    }

    public async Task<IdempotencyRecord?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT state, value, updated_at, in_progress_until FROM idempotency WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new IdempotencyRecord(
            reader.GetString(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            DateTimeOffset.Parse(reader.GetString(2), System.Globalization.CultureInfo.InvariantCulture),
            reader.IsDBNull(3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)));
    }

    public async Task PutAsync(string key, IdempotencyRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO idempotency (key, state, value, updated_at, in_progress_until) VALUES ($key, $state, $value, $at, $until)
            ON CONFLICT(key) DO UPDATE SET state = excluded.state, value = excluded.value, updated_at = excluded.updated_at,
              in_progress_until = excluded.in_progress_until
            """;
        Bind(command, key, record);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> TryClaimAsync(string key, IdempotencyRecord claim, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        // One statement, so SQLite's write lock makes the check and the write atomic across processes.
        command.CommandText = """
            INSERT INTO idempotency (key, state, value, updated_at, in_progress_until) VALUES ($key, $state, $value, $at, $until)
            ON CONFLICT(key) DO UPDATE SET state = excluded.state, value = excluded.value, updated_at = excluded.updated_at,
              in_progress_until = excluded.in_progress_until
            WHERE idempotency.state = 'started' AND COALESCE(idempotency.in_progress_until, 0) < $now
            """;
        Bind(command, key, claim);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static void Bind(SqliteCommand command, string key, IdempotencyRecord record)
    {
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$state", record.State);
        command.Parameters.AddWithValue("$value", (object?)record.Value ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", record.UpdatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$until", (object?)record.InProgressUntil?.ToUnixTimeMilliseconds() ?? DBNull.Value);
    }

    // Files written before claims expired have no such column; their "started" rows count as expired claims.
    private static void AddClaimColumnToOlderFiles(SqliteConnection connection)
    {
        using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT COUNT(*) FROM pragma_table_info('idempotency') WHERE name = 'in_progress_until'";
        if (Convert.ToInt64(columns.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            using var alter = connection.CreateCommand();
            alter.CommandText = "ALTER TABLE idempotency ADD COLUMN in_progress_until INTEGER";
            alter.ExecuteNonQuery();
        }
    }

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
