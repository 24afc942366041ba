using SmsOnboarding.Steps.Storage.DynamoDb;
using SmsOnboarding.Steps.Tests.AccountWork;
using SmsOnboarding.Testing;

namespace SmsOnboarding.Steps.Tests.Storage.DynamoDb;

[Collection(MotoCollection.Name)]
public sealed class DynamoDbAccountWorkStoreTests(MotoServer moto)
{
    [MotoFact]
    public async Task Racing_claims_through_two_clients_leave_exactly_one_owner_that_everyone_joins()
    {
        using var first = moto.Client();
        using var second = moto.Client();
        var table = await moto.CreateTableAsync(first);

        await AccountWorkChecks.Racing_claims_leave_exactly_one_owner_that_everyone_joins(new DynamoDbAccountWorkStore(first, table), new DynamoDbAccountWorkStore(second, table));
    }

    [MotoFact]
    public async Task Larger_spend_takes_over_open_work_and_smaller_spend_joins_it()
    {
        using var client = moto.Client();
        await AccountWorkChecks.Larger_amounts_take_over_open_work_and_smaller_ones_join_it(new DynamoDbAccountWorkStore(client, await moto.CreateTableAsync(client)));
    }

    [MotoFact]
    public async Task Ended_work_keeps_its_outcome_and_the_next_need_opens_new_work()
    {
        using var client = moto.Client();
        await AccountWorkChecks.Ended_work_is_kept_with_its_outcome_and_the_next_need_opens_new_work(new DynamoDbAccountWorkStore(client, await moto.CreateTableAsync(client)));
    }

    [MotoFact]
    public async Task Open_work_is_listed_with_its_account_and_region_and_ended_work_is_not()
    {
        using var client = moto.Client();
        var table = await moto.CreateTableAsync(client);
        // Another kind of item in the table is not work, open or not.
        await client.PutItemAsync(table, new Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>
        {
            [OnboardingTableSchema.PartitionKey] = new() { S = OnboardingTableSchema.IdempotencyPrefix + "step|onb-1" },
            [OnboardingTableSchema.SortKey] = new() { S = "RESULT" },
        });
        await AccountWorkChecks.Open_work_is_listed_with_its_account_and_region_and_ended_work_is_not(new DynamoDbAccountWorkStore(client, table));
    }

    [MotoFact]
    public async Task Work_items_live_under_the_idempotency_prefix_the_case_steps_are_granted()
    {
        using var client = moto.Client();
        var table = await moto.CreateTableAsync(client);
        await new DynamoDbAccountWorkStore(client, table).ClaimOrJoinAsync("account|111122223333|us-east-1|sandboxExit",
            new SmsOnboarding.Steps.AccountWork.AccountWorkRecord(AccountWorkChecks.Execution(1), 0, AccountWorkChecks.At));

        var items = (await client.ScanAsync(new Amazon.DynamoDBv2.Model.ScanRequest { TableName = table })).Items;
        Assert.StartsWith(OnboardingTableSchema.IdempotencyPrefix, Assert.Single(items)[OnboardingTableSchema.PartitionKey].S, StringComparison.Ordinal);
    }
}
