using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using SmsOnboarding.Steps.Idempotency;

namespace SmsOnboarding.Steps.Tests.Idempotency;

public sealed class SqliteIdempotencyStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("idempotency-").FullName;

    private string File => Path.Combine(_dir, "idempotency.db");

    [Fact]
    public async Task Two_attempts_racing_on_one_file_act_once_and_the_other_is_told_to_retry()
    {
        var (acts, failures) = await IdempotencyRace.RunAsync(new SqliteIdempotencyStore(File), new SqliteIdempotencyStore(File), "arn:exec|OpenCase|sandboxExit");

        Assert.Equal(1, acts);
        var refused = Assert.Single(failures, f => f is not null)!;
        Assert.Equal(StepErrors.Transient, ((StepException)refused).ErrorName);
        Assert.Equal("case-1", (await new SqliteIdempotencyStore(File).GetAsync("arn:exec|OpenCase|sandboxExit"))!.Value);
    }

    [Fact]
    public async Task An_expired_claim_is_taken_over_and_a_done_key_returns_its_saved_result()
    {
        var store = new SqliteIdempotencyStore(File);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 4, 0, 0, TimeSpan.Zero));
        var startedAt = time.GetUtcNow();
        await store.PutAsync("k", new IdempotencyRecord(IdempotencyRecord.Started, null, startedAt, startedAt + Once.InProgressExpiry));

        var live = await Assert.ThrowsAsync<StepException>(() => store.RunAsync("k", time, Once.NothingToRecover, () => Task.FromResult("second")));
        time.Advance(Once.InProgressExpiry + TimeSpan.FromSeconds(1));
        var recoveredFrom = DateTimeOffset.MinValue;
        var taken = await store.RunAsync("k", time, at => { recoveredFrom = at; return Task.FromResult<string?>(null); }, () => Task.FromResult("second"));
        var again = await store.RunAsync("k", time, Once.NothingToRecover, () => Task.FromResult("third"));

        Assert.Equal(StepErrors.Transient, live.ErrorName);
        Assert.Equal(("second", "second"), (taken, again));
        Assert.Equal(startedAt, recoveredFrom);
    }

    [Fact]
    public async Task A_file_from_before_claims_expired_gains_the_column_and_its_started_rows_can_be_taken_over()
    {
        using (var old = new SqliteConnection($"Data Source={File};Pooling=false"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE idempotency (key TEXT PRIMARY KEY, state TEXT NOT NULL, value TEXT, updated_at TEXT NOT NULL);
                INSERT INTO idempotency VALUES ('k', 'started', NULL, '2026-11-29T03:00:00.0000000+00:00');
                """;
            create.ExecuteNonQuery();
        }

        var store = new SqliteIdempotencyStore(File);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 4, 0, 0, TimeSpan.Zero));

        Assert.Equal("acted", await store.RunAsync("k", time, Once.NothingToRecover, () => Task.FromResult("acted")));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
