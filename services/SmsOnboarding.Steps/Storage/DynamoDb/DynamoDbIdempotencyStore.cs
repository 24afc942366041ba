using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using SmsOnboarding.Steps.Idempotency;
using static SmsOnboarding.Steps.Storage.DynamoDb.OnboardingTableSchema;

namespace SmsOnboarding.Steps.Storage.DynamoDb;

/// <summary>Idempotency records as items <c>IDEMPOTENCY#&lt;key&gt;</c> of the single table, expiring after <see cref="IdempotencyRetention"/>.</summary>
public sealed class DynamoDbIdempotencyStore(IAmazonDynamoDB client, string tableName) : IIdempotencyStore
{
    private const string Item = "IDEMPOTENCY";
    private const string InProgressUntil = "inProgressUntil";

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
            Attributes.Time(item, "updatedAt"),
            item.TryGetValue(InProgressUntil, out var until) ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(until.N, System.Globalization.CultureInfo.InvariantCulture)) : null);
    }

    public Task PutAsync(string key, IdempotencyRecord record, CancellationToken cancellationToken = default) =>
        client.PutItemAsync(new PutItemRequest { TableName = tableName, Item = ItemOf(key, record) }, cancellationToken);

    public async Task<bool> TryClaimAsync(string key, IdempotencyRecord claim, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        try
        {
            // As Powertools idempotency does: the claim is written only over nothing or over an expired claim.
            await client.PutItemAsync(new PutItemRequest
            {
                TableName = tableName,
                Item = ItemOf(key, claim),
                ConditionExpression = "attribute_not_exists(#pk) OR (#state = :started AND (attribute_not_exists(#until) OR #until < :now))",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = PartitionKey, ["#state"] = "state", ["#until"] = InProgressUntil },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":started"] = new() { S = IdempotencyRecord.Started },
                    [":now"] = new() { N = now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) },
                },
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private static Dictionary<string, AttributeValue> ItemOf(string key, IdempotencyRecord record)
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

        if (record.InProgressUntil is { } until)
        {
            item[InProgressUntil] = new AttributeValue { N = until.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }

        return item;
    }

    private static Dictionary<string, AttributeValue> KeyOf(string key) => new(StringComparer.Ordinal)
    {
        [PartitionKey] = new AttributeValue { S = IdempotencyPrefix + key },
        [SortKey] = new AttributeValue { S = Item },
    };
}
