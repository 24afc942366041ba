using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using SmsOnboarding.Steps.Idempotency;
using static SmsOnboarding.Steps.Storage.DynamoDb.OnboardingTableSchema;

namespace SmsOnboarding.Steps.Storage.DynamoDb;

/// <summary>Idempotency records as items <c>IDEMPOTENCY#&lt;key&gt;</c> of the single table, expiring after <see cref="IdempotencyRetention"/>.</summary>
public sealed class DynamoDbIdempotencyStore(IAmazonDynamoDB client, string tableName) : IIdempotencyStore
{
    private const string Item = "IDEMPOTENCY";

    public async Task<IdempotencyRecord?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var response = await client.GetItemAsync(new GetItemRequest
        {
            TableName = tableName,
            Key = KeyOf(key),
            ConsistentRead = true,
        }, cancellationToken).ConfigureAwait(false);
        if (response.Item is not { Count: > 0 } item)
        {
            return null;
        }

        return new IdempotencyRecord(
            Attributes.String(item, "state"),
            Attributes.OptionalString(item, "value"),
            Attributes.Time(item, "updatedAt"));
    }

    public async Task PutAsync(string key, IdempotencyRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(record);
        var item = KeyOf(key);
        item["state"] = new AttributeValue { S = record.State };
        item["updatedAt"] = Attributes.Of(record.UpdatedAt);
        item[TimeToLiveAttribute] = Attributes.Epoch(record.UpdatedAt + IdempotencyRetention);
        if (record.Value is not null)
        {
            item["value"] = new AttributeValue { S = record.Value };
        }

        await client.PutItemAsync(new PutItemRequest { TableName = tableName, Item = item }, cancellationToken).ConfigureAwait(false);
    }

    private static Dictionary<string, AttributeValue> KeyOf(string key) => new(StringComparer.Ordinal)
    {
        [PartitionKey] = new AttributeValue { S = IdempotencyPrefix + key },
        [SortKey] = new AttributeValue { S = Item },
    };
}
