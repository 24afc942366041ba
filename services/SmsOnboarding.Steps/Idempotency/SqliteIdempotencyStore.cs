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
              updated_at TEXT NOT NULL);
            """;
        command.ExecuteNonQuery();
    }

    public async Task<IdempotencyRecord?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT state, value, updated_at FROM idempotency WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new IdempotencyRecord(
            reader.GetString(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            DateTimeOffset.Parse(reader.GetString(2), System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task PutAsync(string key, IdempotencyRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO idempotency (key, state, value, updated_at) VALUES ($key, $state, $value, $at)
            ON CONFLICT(key) DO UPDATE SET state = excluded.state, value = excluded.value, updated_at = excluded.updated_at
            """;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$state", record.State);
        command.Parameters.AddWithValue("$value", (object?)record.Value ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", record.UpdatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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
