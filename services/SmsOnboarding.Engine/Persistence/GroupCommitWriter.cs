using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace SmsOnboarding.Engine.Persistence;

/// <summary>One unit of durable work; <see cref="Completed"/> runs after its transaction committed (or failed).</summary>
internal abstract class WriteItem
{
    public abstract void Apply(WriterCommands commands);

    public abstract void Completed(Exception? error);
}

/// <summary>A write with a task to await.</summary>
internal sealed class ActionWrite(Action<WriterCommands> apply) : WriteItem
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Task => _done.Task;

    public override void Apply(WriterCommands commands) => apply(commands);

    public override void Completed(Exception? error)
    {
        if (error is null)
        {
            _done.TrySetResult();
        }
        else
        {
            _done.TrySetException(error);
        }
    }
}

/// <summary>Prepared statements of the writer connection.</summary>
internal sealed class WriterCommands(SqliteConnection connection) : IDisposable
{
    private readonly SqliteCommand _upsertExecution = Prepare(connection,
        "INSERT INTO executions(id, arn, sm_arn, status, start, snapshot) VALUES($id, $arn, $sm, $status, $start, $snapshot) " +
        "ON CONFLICT(id) DO UPDATE SET status = excluded.status, snapshot = excluded.snapshot",
        "$id", "$arn", "$sm", "$status", "$start", "$snapshot");

    private readonly SqliteCommand _insertEvent = Prepare(connection,
        "INSERT INTO history(execution_id, id, body) VALUES($e, $id, $body)", "$e", "$id", "$body");

    public SqliteConnection Connection { get; } = connection;

    public SqliteTransaction? Transaction { get; set; }

    public void UpsertExecution(long id, string arn, string stateMachineArn, string status, long start, string snapshot)
    {
        _upsertExecution.Transaction = Transaction;
        var p = _upsertExecution.Parameters;
        p[0].Value = id;
        p[1].Value = arn;
        p[2].Value = stateMachineArn;
        p[3].Value = status;
        p[4].Value = start;
        p[5].Value = snapshot;
        _upsertExecution.ExecuteNonQuery();
    }

    public void InsertEvent(long executionId, long id, string body)
    {
        _insertEvent.Transaction = Transaction;
        var p = _insertEvent.Parameters;
        p[0].Value = executionId;
        p[1].Value = id;
        p[2].Value = body;
        _insertEvent.ExecuteNonQuery();
    }

    public SqliteCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = Transaction;
        return command;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        return command;
    }

    public void Dispose()
    {
        _upsertExecution.Dispose();
        _insertEvent.Dispose();
    }
}

/// <summary>
/// The single writer: takes every pending write of every execution, applies them in ONE transaction and commits
/// (one fsync for the whole batch), then completes them. That is group commit: throughput grows with concurrency
/// instead of being one fsync per transition.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private const int MaxBatch = 4096;
    private readonly Channel<WriteItem> _queue = Channel.CreateUnbounded<WriteItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly EngineDatabase _database;
    private readonly Task _loop;

    public GroupCommitWriter(EngineDatabase database)
    {
        _database = database;
        _loop = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public long Batches { get; private set; }

    public void Enqueue(WriteItem item)
    {
        if (!_queue.Writer.TryWrite(item))
        {
            item.Completed(new ObjectDisposedException(nameof(GroupCommitWriter)));
        }
    }

    public Task WriteAsync(Action<WriterCommands> apply)
    {
        var write = new ActionWrite(apply);
        Enqueue(write);
        return write.Task;
    }

    private void Run()
    {
        using var connection = _database.Open();
        using var commands = new WriterCommands(connection);
        var batch = new List<WriteItem>(256);
        var reader = _queue.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var item))
            {
                batch.Add(item);
            }
            Exception? failure = null;
            try
            {
                using var transaction = connection.BeginTransaction();
                commands.Transaction = transaction;
                foreach (var item in batch)
                {
                    item.Apply(commands);
                }
                transaction.Commit();
                Batches++;
            }
            catch (Exception e) when (e is SqliteException or InvalidOperationException or ArgumentException)
            {
                failure = e;
            }
            finally
            {
                commands.Transaction = null;
            }
            foreach (var item in batch)
            {
                item.Completed(failure);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}
