using Microsoft.Data.Sqlite;

namespace SmsOnboarding.Engine.Persistence;

/// <summary>The engine's SQLite file: schema and connection settings (WAL, synchronous=FULL: a commit survives kill -9 and power loss).</summary>
internal sealed class EngineDatabase
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS definitions(id INTEGER PRIMARY KEY, sha TEXT NOT NULL UNIQUE, body TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS state_machines(arn TEXT PRIMARY KEY, name TEXT NOT NULL, definition_id INTEGER NOT NULL,
            role_arn TEXT NOT NULL, type TEXT NOT NULL, created INTEGER NOT NULL, revision TEXT NOT NULL, description TEXT);
        CREATE TABLE IF NOT EXISTS executions(id INTEGER PRIMARY KEY, arn TEXT NOT NULL UNIQUE, sm_arn TEXT NOT NULL,
            status TEXT NOT NULL, start INTEGER NOT NULL, snapshot TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS executions_by_machine ON executions(sm_arn, id);
        CREATE INDEX IF NOT EXISTS executions_running ON executions(status) WHERE status = 'Running';
        CREATE TABLE IF NOT EXISTS history(execution_id INTEGER NOT NULL, id INTEGER NOT NULL, body TEXT NOT NULL,
            PRIMARY KEY(execution_id, id)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS activities(arn TEXT PRIMARY KEY, name TEXT NOT NULL, created INTEGER NOT NULL);
        """;

    public EngineDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true }.ToString();
    }

    public string Path { get; }

    public string ConnectionString { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    public void EnsureSchema()
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;" + Schema;
        command.ExecuteNonQuery();
    }

    public static long ToMillis(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromMillis(long millis) => DateTimeOffset.FromUnixTimeMilliseconds(millis);
}
