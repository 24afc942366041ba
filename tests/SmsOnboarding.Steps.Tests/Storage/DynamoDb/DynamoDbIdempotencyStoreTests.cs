using Amazon.DynamoDBv2.Model;
using SmsOnboarding.Steps.Idempotency;
using SmsOnboarding.Steps.Storage.DynamoDb;
using SmsOnboarding.Steps.Tests.Idempotency;
using SmsOnboarding.Testing;

namespace SmsOnboarding.Steps.Tests.Storage.DynamoDb;

[Collection(MotoCollection.Name)]
public sealed class DynamoDbIdempotencyStoreTests(MotoServer moto)
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 4, 0, 0, TimeSpan.Zero);

    [MotoFact]
    public async Task Unknown_key_reads_as_null()
    {
        using var client = moto.Client();
        var store = new DynamoDbIdempotencyStore(client, await moto.CreateTableAsync(client));

        Assert.Null(await store.GetAsync("arn:exec|OpenCase"));
    }

    [MotoFact]
    public async Task Started_then_done_record_reads_back_the_latest_state()
    {
        using var client = moto.Client();
        var store = new DynamoDbIdempotencyStore(client, await moto.CreateTableAsync(client));
        var key = IdempotencyKeys.For("arn:aws:states:us-east-1:111122223333:execution:sm:run-1", "OpenCase", "sandboxExit");

        await store.PutAsync(key, new IdempotencyRecord(IdempotencyRecord.Started, null, At));
        Assert.Equal(new IdempotencyRecord(IdempotencyRecord.Started, null, At), await store.GetAsync(key));

        await store.PutAsync(key, new IdempotencyRecord(IdempotencyRecord.Done, "case-123", At.AddMinutes(1)));
        var done = await store.GetAsync(key);
        Assert.Equal(new IdempotencyRecord(IdempotencyRecord.Done, "case-123", At.AddMinutes(1)), done);
        Assert.True(done!.IsDone);
    }

    [MotoFact]
    public async Task Two_attempts_racing_through_two_clients_act_once()
    {
        using var first = moto.Client();
        using var second = moto.Client();
        var table = await moto.CreateTableAsync(first);

        var (acts, failures) = await IdempotencyRace.RunAsync(
            new DynamoDbIdempotencyStore(first, table), new DynamoDbIdempotencyStore(second, table), "arn:exec|OpenCase|sandboxExit");

        Assert.Equal(1, acts);
        Assert.Equal(StepErrors.Transient, ((StepException)Assert.Single(failures, f => f is not null)!).ErrorName);
    }

    [MotoFact]
    public async Task A_claim_is_refused_while_live_and_allowed_once_expired_but_never_over_a_done_record()
    {
        using var client = moto.Client();
        var store = new DynamoDbIdempotencyStore(client, await moto.CreateTableAsync(client));
        var claim = new IdempotencyRecord(IdempotencyRecord.Started, null, At, At.AddSeconds(90));

        Assert.True(await store.TryClaimAsync("k", claim, At));
        Assert.False(await store.TryClaimAsync("k", claim with { InProgressUntil = At.AddSeconds(200) }, At.AddSeconds(60)));
        Assert.True(await store.TryClaimAsync("k", claim with { InProgressUntil = At.AddSeconds(200) }, At.AddSeconds(91)));
        Assert.Equal(At.AddSeconds(200), (await store.GetAsync("k"))!.InProgressUntil);
        await store.PutAsync("k", new IdempotencyRecord(IdempotencyRecord.Done, "case-1", At.AddSeconds(100)));
        Assert.False(await store.TryClaimAsync("k", claim with { InProgressUntil = At.AddSeconds(900) }, At.AddSeconds(500)));
    }

    [MotoFact]
    public async Task Record_is_stored_under_its_prefix_with_a_ttl_past_the_longest_execution()
    {
        using var client = moto.Client();
        var table = await moto.CreateTableAsync(client);
        var store = new DynamoDbIdempotencyStore(client, table);

        await store.PutAsync("k1", new IdempotencyRecord(IdempotencyRecord.Done, "v", At));

        var raw = await client.GetItemAsync(new GetItemRequest
        {
            TableName = table,
            Key = new() { ["pk"] = new() { S = "IDEMPOTENCY#k1" }, ["sk"] = new() { S = "IDEMPOTENCY" } },
        });
        Assert.Equal((At + TimeSpan.FromDays(400)).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), raw.Item["expiresAt"].N);
    }
}
