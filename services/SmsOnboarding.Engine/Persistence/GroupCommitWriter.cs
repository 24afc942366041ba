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

/// <summary>Prepared statements of the writer connection. JSON arrives as UTF-8 bytes and is stored as TEXT.</summary>
internal sealed class WriterCommands(SqliteConnection connection) : IDisposable
{
    private readonly RawStatement _upsertExecution = new(connection,
        "INSERT INTO executions(id, arn, sm_arn, status, start, snapshot) VALUES(?1, ?2, ?3, ?4, ?5, ?6) " +
        "ON CONFLICT(id) DO UPDATE SET status = excluded.status, snapshot = excluded.snapshot");

    private readonly RawStatement _insertEvent = new(connection, "INSERT INTO history(execution_id, id, body) VALUES(?1, ?2, ?3)");

    public SqliteConnection Connection { get; } = connection;

    public SqliteTransaction? Transaction { get; set; }

    public void UpsertExecution(long id, string arn, string stateMachineArn, string status, long start, byte[] snapshot) =>
        _upsertExecution.Bind(1, id).Bind(2, arn).Bind(3, stateMachineArn).Bind(4, status).Bind(5, start).BindUtf8(6, snapshot).Execute();

    public void InsertEvent(long executionId, long id, byte[] body) =>
        _insertEvent.Bind(1, executionId).Bind(2, id).BindUtf8(3, body).Execute();

    public SqliteCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = Transaction;
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
