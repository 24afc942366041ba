using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using SmsOnboarding.Steps.AccountWork;
using static SmsOnboarding.Steps.Storage.DynamoDb.OnboardingTableSchema;

namespace SmsOnboarding.Steps.Storage.DynamoDb;

/// <summary>
/// Account work as items <c>IDEMPOTENCY#ACCOUNTWORK#&lt;key&gt;</c> of the single table: under the idempotency prefix, so the
/// case steps' existing <c>dynamodb:LeadingKeys</c> grant covers them and the stack needs no new table or permission.
/// </summary>
public sealed class DynamoDbAccountWorkStore(IAmazonDynamoDB client, string tableName) : IAccountWorkStore
{
    private const string Item = "ACCOUNTWORK";

    public async Task<AccountWorkRecord> ClaimOrJoinAsync(string key, AccountWorkRecord proposed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        var item = KeyOf(key);
        item["owner"] = new AttributeValue { S = proposed.OwnerExecutionArn };
        item["amount"] = new AttributeValue { N = proposed.Amount.ToString(CultureInfo.InvariantCulture) };
        item["openedAt"] = Attributes.Of(proposed.OpenedAt);
        item[TimeToLiveAttribute] = Attributes.Epoch(proposed.OpenedAt + IdempotencyRetention);
        try
        {
            // The same rule as the SQLite store: nothing there, ended work, the owner's own retry, or less asked.
            await client.PutItemAsync(new PutItemRequest
            {
                TableName = tableName,
                Item = item,
                ConditionExpression = "attribute_not_exists(#pk) OR attribute_exists(#outcome) OR #owner = :owner OR #amount < :amount",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = PartitionKey, ["#outcome"] = "outcome", ["#owner"] = "owner", ["#amount"] = "amount" },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":owner"] = item["owner"], [":amount"] = item["amount"] },
            }, cancellationToken).ConfigureAwait(false);
            return proposed;
        }
        catch (ConditionalCheckFailedException)
        {
            // Read consistently after the refusal: the work that refused this one (it only ends, never goes away, meanwhile).
            return await GetAsync(key, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Account work {key} refused the claim but is gone.");
        }
    }

    public async Task<AccountWorkRecord?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var response = await client.GetItemAsync(new GetItemRequest { TableName = tableName, Key = KeyOf(key), ConsistentRead = true }, cancellationToken)
            .ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? Read(item) : null;
    }

    /// <summary>
    /// A Scan: each work is its own partition (one key, one conditional write), so no Query reaches them all. Open work
    /// is a handful of items per account and Region; the table's other items are filtered out by the service.
    /// </summary>
    public async Task<IReadOnlyList<AccountWorkEntry>> OpenAsync(CancellationToken cancellationToken = default)
    {
        var prefix = IdempotencyPrefix + Item + "#";
        var open = new List<AccountWorkEntry>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await client.ScanAsync(new ScanRequest
            {
                TableName = tableName,
                FilterExpression = "begins_with(#pk, :prefix) AND #sk = :item AND attribute_not_exists(#outcome)",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = PartitionKey, ["#sk"] = OnboardingTableSchema.SortKey, ["#outcome"] = "outcome" },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":prefix"] = new() { S = prefix }, [":item"] = new() { S = Item } },
                ExclusiveStartKey = start,
                ConsistentRead = true,
            }, cancellationToken).ConfigureAwait(false);
            open.AddRange((page.Items ?? []).Select(item => new AccountWorkEntry(item[PartitionKey].S[prefix.Length..], Read(item))));
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
        return [.. open.OrderBy(e => e.Key, StringComparer.Ordinal)];
    }

    private static AccountWorkRecord Read(Dictionary<string, AttributeValue> item) => new(
        Attributes.String(item, "owner"),
        decimal.Parse(item["amount"].N, CultureInfo.InvariantCulture),
        Attributes.Time(item, "openedAt"),
        Attributes.OptionalString(item, "outcome"),
        Attributes.OptionalString(item, "reason"));

    public async Task EndAsync(string key, string ownerExecutionArn, string outcome, string? reason, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var values = new Dictionary<string, AttributeValue> { [":owner"] = new() { S = ownerExecutionArn }, [":outcome"] = new() { S = outcome } };
        var update = "SET #outcome = :outcome";
        if (reason is not null)
        {
            values[":reason"] = new AttributeValue { S = reason };
            update += ", #reason = :reason";
        }

        try
        {
            await client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = tableName,
                Key = KeyOf(key),
                UpdateExpression = update,
                ConditionExpression = "#owner = :owner AND attribute_not_exists(#outcome)",
                ExpressionAttributeNames = reason is null
                    ? new Dictionary<string, string> { ["#outcome"] = "outcome", ["#owner"] = "owner" }
                    : new Dictionary<string, string> { ["#outcome"] = "outcome", ["#owner"] = "owner", ["#reason"] = "reason" },
                ExpressionAttributeValues = values,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // Another onboarding took the work over (it asked more), or it already ended: nothing of ours to end.
        }
    }

    private static Dictionary<string, AttributeValue> KeyOf(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [PartitionKey] = new AttributeValue { S = IdempotencyPrefix + Item + "#" + key },
            [OnboardingTableSchema.SortKey] = new AttributeValue { S = Item },
        };
    }
}
