using System.Globalization;
using Microsoft.Data.Sqlite;

namespace SmsOnboarding.Steps.HumanTasks;

public sealed class SqliteHumanTaskInbox : IHumanTaskInbox
{
    private const string Columns =
        "id, kind, execution_arn, onboarding_id, slot, masked_phone, prompt, created_at, remind_at, expires_at, reminder, need, case_text, case_link, case_id";

    private readonly string _connectionString;

    public SqliteHumanTaskInbox(string databasePath)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS human_tasks (
              id TEXT PRIMARY KEY,
              token TEXT NOT NULL,
              kind TEXT NOT NULL,
              execution_arn TEXT NOT NULL,
              onboarding_id TEXT NOT NULL,
              slot TEXT NOT NULL,
              masked_phone TEXT,
              prompt TEXT NOT NULL,
              created_at TEXT NOT NULL,
              remind_at TEXT NOT NULL,
              expires_at TEXT NOT NULL,
              reminder INTEGER NOT NULL,
              need TEXT,
              case_text TEXT,
              case_link TEXT,
              case_id TEXT,
              UNIQUE (execution_arn, slot));
            """;
        command.ExecuteNonQuery();
    }

    public async Task<HumanTask> AddAsync(HumanTask task, string taskToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        await using var connection = Open();
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var delete = connection.CreateCommand())
        {
            delete.Transaction = tx;
            delete.CommandText = "DELETE FROM human_tasks WHERE (execution_arn = $e AND slot = $s) OR id = $id";
            delete.Parameters.AddWithValue("$e", task.ExecutionArn);
            delete.Parameters.AddWithValue("$s", task.Slot);
            delete.Parameters.AddWithValue("$id", task.Id);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = tx;
            insert.CommandText = $"INSERT INTO human_tasks (token, {Columns}) VALUES ($token, $id, $kind, $e, $o, $s, $phone, $prompt, $created, $remind, $expires, $reminder, $need, $text, $link, $case)";
            insert.Parameters.AddWithValue("$token", taskToken);
            insert.Parameters.AddWithValue("$id", task.Id);
            insert.Parameters.AddWithValue("$kind", task.Kind);
            insert.Parameters.AddWithValue("$e", task.ExecutionArn);
            insert.Parameters.AddWithValue("$o", task.OnboardingId);
            insert.Parameters.AddWithValue("$s", task.Slot);
            insert.Parameters.AddWithValue("$phone", (object?)task.MaskedPhoneNumber ?? DBNull.Value);
            insert.Parameters.AddWithValue("$prompt", task.Prompt);
            insert.Parameters.AddWithValue("$created", Format(task.CreatedAt));
            insert.Parameters.AddWithValue("$remind", Format(task.RemindAt));
            insert.Parameters.AddWithValue("$expires", Format(task.ExpiresAt));
            insert.Parameters.AddWithValue("$reminder", task.Reminder);
            insert.Parameters.AddWithValue("$need", (object?)task.Need ?? DBNull.Value);
            insert.Parameters.AddWithValue("$text", (object?)task.CaseText ?? DBNull.Value);
            insert.Parameters.AddWithValue("$link", (object?)task.CaseLink ?? DBNull.Value);
            insert.Parameters.AddWithValue("$case", (object?)task.CaseId ?? DBNull.Value);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return task;
    }

    public async Task<IReadOnlyList<HumanTask>> ListPendingAsync(string? executionArn = null, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM human_tasks WHERE $e IS NULL OR execution_arn = $e ORDER BY created_at, id";
        command.Parameters.AddWithValue("$e", (object?)executionArn ?? DBNull.Value);
        var tasks = new List<HumanTask>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            tasks.Add(Read(reader, 0));
        }

        return tasks;
    }

    public async Task<HumanTask?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM human_tasks WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader, 0) : null;
    }

    public async Task<ClaimedHumanTask?> ClaimAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        // DELETE … RETURNING is one statement: two concurrent completions cannot both get the token.
        command.CommandText = $"DELETE FROM human_tasks WHERE id = $id RETURNING token, {Columns}";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new ClaimedHumanTask(Read(reader, 1), reader.GetString(0))
            : null;
    }

    public Task RestoreAsync(ClaimedHumanTask claimed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        return AddAsync(claimed.Task, claimed.TaskToken, cancellationToken);
    }

    public async Task<int> RemoveForExecutionAsync(string executionArn, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM human_tasks WHERE execution_arn = $e";
        command.Parameters.AddWithValue("$e", executionArn);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static HumanTask Read(SqliteDataReader r, int o) => new(
        r.GetString(o), r.GetString(o + 1), r.GetString(o + 2), r.GetString(o + 3), r.GetString(o + 4),
        r.IsDBNull(o + 5) ? null : r.GetString(o + 5), r.GetString(o + 6),
        Parse(r.GetString(o + 7)), Parse(r.GetString(o + 8)), Parse(r.GetString(o + 9)), r.GetInt32(o + 10),
        r.IsDBNull(o + 11) ? null : r.GetString(o + 11), r.IsDBNull(o + 12) ? null : r.GetString(o + 12),
        r.IsDBNull(o + 13) ? null : r.GetString(o + 13), r.IsDBNull(o + 14) ? null : r.GetString(o + 14));

    private static string Format(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

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
