using Microsoft.Data.Sqlite;
using SmsOnboarding.Steps.AccountWork;

namespace SmsOnboarding.Steps.Tests.AccountWork;

public sealed class SqliteAccountWorkStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("account-work-").FullName;

    private string File => Path.Combine(_dir, "idempotency.db");

    [Fact]
    public Task Racing_claims_on_one_file_leave_exactly_one_owner_that_everyone_joins() =>
        AccountWorkChecks.Racing_claims_leave_exactly_one_owner_that_everyone_joins(new SqliteAccountWorkStore(File), new SqliteAccountWorkStore(File));

    [Fact]
    public Task Larger_spend_takes_over_open_work_and_smaller_spend_joins_it() =>
        AccountWorkChecks.Larger_amounts_take_over_open_work_and_smaller_ones_join_it(new SqliteAccountWorkStore(File));

    [Fact]
    public Task Ended_work_keeps_its_outcome_and_the_next_need_opens_new_work() =>
        AccountWorkChecks.Ended_work_is_kept_with_its_outcome_and_the_next_need_opens_new_work(new SqliteAccountWorkStore(File));

    [Fact]
    public Task Open_work_is_listed_with_its_account_and_region_and_ended_work_is_not() =>
        AccountWorkChecks.Open_work_is_listed_with_its_account_and_region_and_ended_work_is_not(new SqliteAccountWorkStore(File));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
