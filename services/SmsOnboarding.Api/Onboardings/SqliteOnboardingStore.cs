using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SmsOnboarding.Domain.Lifecycle;
using SmsOnboarding.Domain.Planning;

namespace SmsOnboarding.Api.Onboardings;

/// <summary>Onboarding records in <c>onboardings.db</c> of the data folder (WAL, one connection per call).</summary>
public sealed class SqliteOnboardingStore : IOnboardingStore
{
    private readonly string _connectionString;

    public SqliteOnboardingStore(string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();
        using var connection = Open();
        Execute(connection, """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS onboardings (
                id TEXT PRIMARY KEY,
                request_id TEXT UNIQUE,
                requester TEXT NOT NULL,
                approvers TEXT NOT NULL,
                team TEXT NOT NULL,
                pool TEXT NOT NULL,
                status TEXT NOT NULL,
                execution_arn TEXT,
                plan TEXT NOT NULL,
                request TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                failure TEXT);
            CREATE INDEX IF NOT EXISTS onboardings_created ON onboardings(created_at);
            """);
        // Files from before event-driven status lack these columns; version 0 makes the first event reconcile them.
        AddColumnIfMissing(connection, "open_states", "TEXT");
        AddColumnIfMissing(connection, "version", "INTEGER NOT NULL DEFAULT 0");
        // Files from before accounts were kept: the account stays unknown (null) for those records.
        AddColumnIfMissing(connection, "account", "TEXT");
        AddColumnIfMissing(connection, "sns_region", "TEXT");
        Execute(connection, """
            CREATE INDEX IF NOT EXISTS onboardings_status_created ON onboardings(status, created_at);
            CREATE INDEX IF NOT EXISTS onboardings_team_created ON onboardings(team, created_at);
            CREATE INDEX IF NOT EXISTS onboardings_pool_created ON onboardings(pool, created_at);
            CREATE INDEX IF NOT EXISTS onboardings_requester_created ON onboardings(requester, created_at);
            CREATE INDEX IF NOT EXISTS onboardings_account_created ON onboardings(account, created_at);
            """);
    }

    private static void AddColumnIfMissing(SqliteConnection connection, string column, string type)
    {
        using var info = connection.CreateCommand();
        info.CommandText = "SELECT COUNT(*) FROM pragma_table_info('onboardings') WHERE name = $name";
        info.Parameters.AddWithValue("$name", column);
        if (Convert.ToInt64(info.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            Execute(connection, $"ALTER TABLE onboardings ADD COLUMN {column} {type}");
        }
    }

    public async Task<AddOutcome> AddAsync(OnboardingRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var connection = Open();
        await using var insert = connection.CreateCommand();
        // One statement, so SQLite's write lock makes it atomic: the unique request id collapses duplicate submits onto
        // one row, and the pool check lets only one of two concurrent submits for a pool in.
        insert.CommandText = $"""
            INSERT INTO onboardings (id, request_id, requester, approvers, team, pool, status, execution_arn, plan, request, created_at, updated_at, failure, account, sns_region)
            SELECT $id, $rid, $requester, $approvers, $team, $pool, $status, $arn, $plan, $request, $created, $updated, $failure, $account, $snsRegion
            WHERE NOT EXISTS (SELECT 1 FROM onboardings WHERE pool = $pool AND status IN ({PoolHoldingList}))
            ON CONFLICT(request_id) DO NOTHING
            """;
        insert.Parameters.AddWithValue("$id", record.Id);
        insert.Parameters.AddWithValue("$rid", (object?)record.RequestId ?? DBNull.Value);
        insert.Parameters.AddWithValue("$requester", record.Requester);
        insert.Parameters.AddWithValue("$approvers", JsonSerializer.Serialize(record.Approvers));
        insert.Parameters.AddWithValue("$team", record.Team);
        insert.Parameters.AddWithValue("$pool", record.Pool);
        insert.Parameters.AddWithValue("$status", record.Status.ToWire());
        insert.Parameters.AddWithValue("$arn", (object?)record.ExecutionArn ?? DBNull.Value);
        insert.Parameters.AddWithValue("$plan", JsonSerializer.Serialize(record.Plan, ApiJson.Options));
        insert.Parameters.AddWithValue("$request", record.RequestJson);
        insert.Parameters.AddWithValue("$created", Time(record.CreatedAt));
        insert.Parameters.AddWithValue("$updated", Time(record.UpdatedAt));
        insert.Parameters.AddWithValue("$failure", (object?)record.Failure ?? DBNull.Value);
        insert.Parameters.AddWithValue("$account", (object?)record.AccountId ?? DBNull.Value);
        insert.Parameters.AddWithValue("$snsRegion", (object?)record.SnsRegion ?? DBNull.Value);
        if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
        {
            return new AddOutcome(record, Created: true);
        }
        // A replay of the same request wins over the pool rule: it answers its own onboarding, which may be the holder.
        if (record.RequestId is { } requestId && await SelectAsync(connection, "request_id = $key", requestId, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return new AddOutcome(existing, Created: false);
        }
        var holder = await PoolHolderAsync(connection, record.Pool, record.Id, cancellationToken).ConfigureAwait(false);
        // Neither a request id nor a holder: the holder finished between the two reads; the caller may simply submit again.
        return holder is null
            ? await AddAsync(record, cancellationToken).ConfigureAwait(false)
            : new AddOutcome(holder, Created: false, PoolBusy: true);
    }

    public async Task<OnboardingRecord?> PoolHolderAsync(string pool, string exceptId, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        return await PoolHolderAsync(connection, pool, exceptId, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<OnboardingRecord?> PoolHolderAsync(SqliteConnection connection, string pool, string exceptId, CancellationToken cancellationToken)
    {
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {Columns} FROM onboardings WHERE pool = $pool AND id <> $id AND status IN ({PoolHoldingList}) ORDER BY created_at LIMIT 1";
        select.Parameters.AddWithValue("$pool", pool);
        select.Parameters.AddWithValue("$id", exceptId);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    private static readonly string PoolHoldingList = string.Join(", ", OnboardingStatusNames.PoolHolding.Select(s => $"'{s.ToWire()}'"));

    public async Task<OnboardingRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        return await SelectAsync(connection, "id = $key", id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<OnboardingPage> QueryAsync(OnboardingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = Open();
        var where = new List<string>();
        await using var select = connection.CreateCommand();
        if (query.Status is { } status)
        {
            where.Add("status = $status");
            select.Parameters.AddWithValue("$status", status.ToWire());
        }
        if (query.Team is { } team)
        {
            where.Add("team = $team");
            select.Parameters.AddWithValue("$team", team);
        }
        if (query.Pool is { } pool)
        {
            where.Add("pool = $pool");
            select.Parameters.AddWithValue("$pool", pool);
        }
        if (query.Account is { } account)
        {
            where.Add("account = $account");
            select.Parameters.AddWithValue("$account", account);
        }
        if (query.Requester is { } requester)
        {
            where.Add(query.RequesterTeam is null ? "requester = $requester" : "(requester = $requester OR team = $requesterTeam)");
            select.Parameters.AddWithValue("$requester", requester);
            if (query.RequesterTeam is { } requesterTeam)
            {
                select.Parameters.AddWithValue("$requesterTeam", requesterTeam);
            }
        }
        var filter = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);
        select.CommandText = $"SELECT COUNT(*) FROM onboardings{filter}";
        var total = Convert.ToInt32(await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        if (query.After is { } after)
        {
            where.Add("(created_at < $afterCreated OR (created_at = $afterCreated AND id > $afterId))");
            select.Parameters.AddWithValue("$afterCreated", Time(after.CreatedAt));
            select.Parameters.AddWithValue("$afterId", after.Id);
        }
        filter = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);
        // One row more than asked says whether another page follows.
        select.CommandText = $"SELECT {Columns} FROM onboardings{filter} ORDER BY created_at DESC, id LIMIT $limit";
        select.Parameters.AddWithValue("$limit", query.Limit + 1);
        var items = new List<OnboardingRecord>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(Read(reader));
        }
        var more = items.Count > query.Limit;
        if (more)
        {
            items.RemoveAt(items.Count - 1);
        }
        return new OnboardingPage(items, total, more ? OnboardingCursor.After(items[^1]) : null);
    }

    public async Task<IReadOnlyList<AccountRegionCount>> CountByAccountAsync(CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var select = connection.CreateCommand();
        select.CommandText = """
            SELECT account, sns_region, status, COUNT(*) FROM onboardings
            WHERE account IS NOT NULL AND sns_region IS NOT NULL GROUP BY account, sns_region, status ORDER BY account, sns_region
            """;
        var counts = new List<AccountRegionCount>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            OnboardingStatusNames.TryParse(reader.GetString(2), out var status);
            counts.Add(new AccountRegionCount(reader.GetString(0), reader.GetString(1), status, reader.GetInt32(3)));
        }
        return counts;
    }

    public async Task<IReadOnlyList<OnboardingRecord>> ActiveAsync(CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {Columns} FROM onboardings WHERE status NOT IN ('completed', 'cancelled')";
        var items = new List<OnboardingRecord>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(Read(reader));
        }
        return items;
    }

    public async Task AttachExecutionAsync(string id, string executionArn, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE onboardings SET execution_arn = $arn, updated_at = $at WHERE id = $id";
        update.Parameters.AddWithValue("$id", id);
        update.Parameters.AddWithValue("$arn", executionArn);
        update.Parameters.AddWithValue("$at", Time(at));
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> TransitionAsync(string id, OnboardingStatus from, OnboardingStatus to, string? failure, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var update = connection.CreateCommand();
        // A move that makes the record hold its pool again (a redrive) must not overlap another onboarding of the pool.
        update.CommandText = to.HoldsPool() && !from.HoldsPool()
            ? $"""
                UPDATE onboardings SET status = $to, failure = $failure, updated_at = $at WHERE id = $id AND status = $from
                AND NOT EXISTS (SELECT 1 FROM onboardings other WHERE other.pool = onboardings.pool AND other.id <> $id AND other.status IN ({PoolHoldingList}))
                """
            : "UPDATE onboardings SET status = $to, failure = $failure, updated_at = $at WHERE id = $id AND status = $from";
        update.Parameters.AddWithValue("$id", id);
        update.Parameters.AddWithValue("$from", from.ToWire());
        update.Parameters.AddWithValue("$to", to.ToWire());
        update.Parameters.AddWithValue("$failure", (object?)failure ?? DBNull.Value);
        update.Parameters.AddWithValue("$at", Time(at));
        return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> ApplyProgressAsync(string id, OnboardingStatus seen, OnboardingProgress progress, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        await using var connection = Open();
        await using var update = connection.CreateCommand();
        update.CommandText = """
            UPDATE onboardings SET status = $status, open_states = $open, failure = $failure, version = $version, updated_at = $at
            WHERE id = $id AND version < $version AND status = $seen
            """;
        update.Parameters.AddWithValue("$id", id);
        update.Parameters.AddWithValue("$seen", seen.ToWire());
        update.Parameters.AddWithValue("$status", progress.Status.ToWire());
        update.Parameters.AddWithValue("$open", JsonSerializer.Serialize(progress.OpenStates, ApiJson.Options));
        update.Parameters.AddWithValue("$failure", (object?)progress.Failure ?? DBNull.Value);
        update.Parameters.AddWithValue("$version", progress.Version);
        update.Parameters.AddWithValue("$at", Time(at));
        return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private const string Columns = "id, request_id, requester, approvers, team, pool, status, execution_arn, plan, request, created_at, updated_at, failure, open_states, version, account, sns_region";

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout=5000;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static async Task<OnboardingRecord?> SelectAsync(SqliteConnection connection, string where, string key, CancellationToken cancellationToken)
    {
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {Columns} FROM onboardings WHERE {where}";
        select.Parameters.AddWithValue("$key", key);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    private static OnboardingRecord Read(SqliteDataReader r)
    {
        OnboardingStatusNames.TryParse(r.GetString(6), out var status);
        return new OnboardingRecord(
            Id: r.GetString(0),
            RequestId: r.IsDBNull(1) ? null : r.GetString(1),
            Requester: r.GetString(2),
            Approvers: JsonSerializer.Deserialize<string[]>(r.GetString(3)) ?? [],
            Team: r.GetString(4),
            Pool: r.GetString(5),
            Status: status,
            ExecutionArn: r.IsDBNull(7) ? null : r.GetString(7),
            Plan: JsonSerializer.Deserialize<OnboardingPlan>(r.GetString(8), ApiJson.Options)!,
            RequestJson: r.GetString(9),
            CreatedAt: DateTimeOffset.Parse(r.GetString(10), CultureInfo.InvariantCulture),
            UpdatedAt: DateTimeOffset.Parse(r.GetString(11), CultureInfo.InvariantCulture),
            Failure: r.IsDBNull(12) ? null : r.GetString(12),
            OpenStates: r.IsDBNull(13) ? [] : JsonSerializer.Deserialize<OpenState[]>(r.GetString(13), ApiJson.Options) ?? [],
            Version: r.GetInt64(14),
            AccountId: r.IsDBNull(15) ? null : r.GetString(15),
            SnsRegion: r.IsDBNull(16) ? null : r.GetString(16));
    }

    // Round-trip format with a fixed offset sorts lexically in time order.
    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'+00:00'", CultureInfo.InvariantCulture);
}
