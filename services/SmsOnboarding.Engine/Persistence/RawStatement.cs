using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SmsOnboarding.Engine.Persistence;

/// <summary>
/// A statement of the writer connection driven through SQLite's C API: prepared once, then bind, step, reset.
/// The writer runs these thousands of times per second on its one thread; SqliteCommand.ExecuteNonQuery allocated a
/// data reader, a parameter binder and boxed every integer on each call, and strings had to go through UTF-16.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The writer connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    public RawStatement Bind(int index, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, index, value));
        return this;
    }

    public RawStatement Bind(int index, string value)
    {
        Check(raw.sqlite3_bind_text(_statement, index, value));
        return this;
    }

    /// <summary>Binds UTF-8 bytes as TEXT (what the column holds), without a string in between.</summary>
    public RawStatement BindUtf8(int index, ReadOnlySpan<byte> value)
    {
        Check(raw.sqlite3_bind_text(_statement, index, value));
        return this;
    }

    public void Execute()
    {
        var rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    public void Dispose() => _statement.Dispose();
}
