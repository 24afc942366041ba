using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Domain.Lifecycle;
using SmsOnboarding.Domain.Planning;
using static SmsOnboarding.Steps.Storage.DynamoDb.OnboardingTableSchema;
using Schema = SmsOnboarding.Steps.Storage.DynamoDb.OnboardingTableSchema;

namespace SmsOnboarding.Api.Aws;

/// <summary>
/// Onboarding records in the single table: every record in one partition <c>ONBOARDING#RECORDS / {id}</c> so a list
/// is a Query the API role's <c>dynamodb:LeadingKeys</c> condition allows (it grants no Scan); onboardings are a few
/// per pool, far below a partition's limits. A request-id claim <c>ONBOARDING#REQUEST#{requestId} / CLAIM</c> makes
/// submit idempotent, and a holder item <c>ONBOARDING#POOL#{pool} / HOLDER</c>, written in one transaction with the
/// record, keeps one onboarding per pool in progress.
/// </summary>
public sealed class DynamoDbOnboardingStore(IAmazonDynamoDB client, string tableName) : IOnboardingStore
{
    private const string RecordsPartition = OnboardingPrefix + "RECORDS";
    private const string ClaimSort = "CLAIM";
    private const string RequestPrefix = OnboardingPrefix + "REQUEST#";
    private const string PoolPrefix = OnboardingPrefix + "POOL#";
    private const string PoolHolderSort = "HOLDER";
    private const int MaxTransactionAttempts = 5;

    public async Task<AddOutcome> AddAsync(OnboardingRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.RequestId is { } requestId)
        {
            var claimedId = await ClaimAsync(requestId, record.Id, cancellationToken).ConfigureAwait(false);
            if (claimedId != record.Id)
            {
                // A crash (or a busy pool) between claim and record leaves a claim alone: the replay writes the record under the claimed id.
                var existing = await GetAsync(claimedId, cancellationToken).ConfigureAwait(false);
                if (existing is not null)
                {
                    return new AddOutcome(existing, Created: false);
                }
                record = record with { Id = claimedId };
            }
        }
        for (var attempt = 1; ; attempt++)
        {
            var pool = await PoolClaimAsync(record.Pool, record.Id, cancellationToken).ConfigureAwait(false);
            if (pool.Holder is { } holder)
            {
                return new AddOutcome(holder, Created: false, PoolBusy: true);
            }
            try
            {
                // The record and the pool's holder item are written together or not at all.
                await client.TransactWriteItemsAsync(new TransactWriteItemsRequest
                {
                    // The SDK's own retries of this request (after a 5xx) are then applied at most once.
                    ClientRequestToken = Guid.NewGuid().ToString("N"),
                    TransactItems =
                    [
                        new TransactWriteItem { Put = new Put
                        {
                            TableName = tableName,
                            Item = ToItem(record),
                            ConditionExpression = "attribute_not_exists(#pk)",
                            ExpressionAttributeNames = new() { ["#pk"] = PartitionKey },
                        } },
                        new TransactWriteItem { Put = HoldPool(record.Pool, record.Id, pool.StaleHolderId) },
                    ],
                }, cancellationToken).ConfigureAwait(false);
                return new AddOutcome(record, Created: true);
            }
            catch (AmazonDynamoDBException e) when (e is TransactionCanceledException || ((int)e.StatusCode >= 500 && attempt < MaxTransactionAttempts))
            {
                // The record exists (an earlier attempt got through), or another onboarding took the pool between the
                // read and the write, or the outcome is unknown (a server error): look again.
                if (await GetAsync(record.Id, cancellationToken).ConfigureAwait(false) is { } written)
                {
                    return new AddOutcome(written, Created: false);
                }
            }
        }
    }

    public async Task<OnboardingRecord?> PoolHolderAsync(string pool, string exceptId, CancellationToken cancellationToken) =>
        (await PoolClaimAsync(pool, exceptId, cancellationToken).ConfigureAwait(false)).Holder;

    /// <summary>
    /// Who holds the pool per its holder item <c>ONBOARDING#POOL#{pool} / HOLDER</c>: the holder, if it is another
    /// onboarding still in progress; else the id a new claim must replace (an ended holder is released lazily, by the
    /// next claim, so a crash can never leave a pool locked).
    /// </summary>
    private async Task<(OnboardingRecord? Holder, string? StaleHolderId)> PoolClaimAsync(string pool, string claimantId, CancellationToken cancellationToken)
    {
        var item = await client.GetItemAsync(new GetItemRequest
        {
            TableName = tableName,
            Key = Key(PoolPrefix + pool, PoolHolderSort),
            ConsistentRead = true,
        }, cancellationToken).ConfigureAwait(false);
        var holderId = item.Item?.GetValueOrDefault("id")?.S;
        if (holderId is null || holderId == claimantId)
        {
            return (null, holderId);
        }
        var holder = await GetAsync(holderId, cancellationToken).ConfigureAwait(false);
        return holder is not null && holder.Status.HoldsPool() ? (holder, null) : (null, holderId);
    }

    private Put HoldPool(string pool, string id, string? replacing) => new()
    {
        TableName = tableName,
        Item = new Dictionary<string, AttributeValue>(Key(PoolPrefix + pool, PoolHolderSort)) { ["id"] = S(id) },
        ConditionExpression = replacing is null ? "attribute_not_exists(#pk)" : "#id = :replacing",
        ExpressionAttributeNames = replacing is null ? new() { ["#pk"] = PartitionKey } : new() { ["#id"] = "id" },
        ExpressionAttributeValues = replacing is null ? null : new() { [":replacing"] = S(replacing) },
    };

    public async Task<OnboardingRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var found = await client.GetItemAsync(new GetItemRequest
        {
            TableName = tableName,
            Key = Key(RecordsPartition, id),
            ConsistentRead = true,
        }, cancellationToken).ConfigureAwait(false);
        return found.Item is { Count: > 0 } item ? FromItem(item) : null;
    }

    public async Task<OnboardingPage> QueryAsync(OnboardingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var matching = (await AllAsync(cancellationToken).ConfigureAwait(false))
            .Where(r => query.Status is not { } s || r.Status == s)
            .Where(r => query.Team is null || r.Team == query.Team)
            .Where(r => query.Pool is null || r.Pool == query.Pool)
            .Where(r => query.Account is null || r.AccountId == query.Account)
            .Where(r => query.Requester is null || r.Requester == query.Requester || (query.RequesterTeam is not null && r.Team == query.RequesterTeam))
            .OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        var after = query.After is { } cursor
            ? matching.Where(r => r.CreatedAt < cursor.CreatedAt || (r.CreatedAt == cursor.CreatedAt && string.CompareOrdinal(r.Id, cursor.Id) > 0))
            : matching;
        var page = after.Take(query.Limit + 1).ToList();
        var more = page.Count > query.Limit;
        var items = page.Take(query.Limit).ToList();
        return new OnboardingPage(items, matching.Count, more ? OnboardingCursor.After(items[^1]) : null);
    }

    public async Task<IReadOnlyList<AccountRegionCount>> CountByAccountAsync(CancellationToken cancellationToken) =>
        [.. (await AllAsync(cancellationToken).ConfigureAwait(false))
            .Where(r => r.AccountId is not null && r.SnsRegion is not null)
            .GroupBy(r => (Account: r.AccountId!, Region: r.SnsRegion!, r.Status))
            .OrderBy(g => g.Key.Account, StringComparer.Ordinal).ThenBy(g => g.Key.Region, StringComparer.Ordinal)
            .Select(g => new AccountRegionCount(g.Key.Account, g.Key.Region, g.Key.Status, g.Count()))];

    public async Task<IReadOnlyList<OnboardingRecord>> ActiveAsync(CancellationToken cancellationToken) =>
        (await AllAsync(cancellationToken).ConfigureAwait(false))
            .Where(r => r.Status is not (OnboardingStatus.Completed or OnboardingStatus.Cancelled)).ToList();

    public async Task AttachExecutionAsync(string id, string executionArn, DateTimeOffset at, CancellationToken cancellationToken) =>
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = tableName,
            Key = Key(RecordsPartition, id),
            UpdateExpression = "SET executionArn = :arn, updatedAt = :at",
            ConditionExpression = "attribute_exists(#pk)",
            ExpressionAttributeNames = new() { ["#pk"] = PartitionKey },
            ExpressionAttributeValues = new() { [":arn"] = S(executionArn), [":at"] = S(Time(at)) },
        }, cancellationToken).ConfigureAwait(false);

    public async Task<bool> TransitionAsync(string id, OnboardingStatus from, OnboardingStatus to, string? failure, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, AttributeValue> { [":from"] = S(from.ToWire()), [":to"] = S(to.ToWire()), [":at"] = S(Time(at)) };
        if (!to.HoldsPool() || from.HoldsPool())
        {
            return await UpdateStatusIfAsync(id, "SET #status = :to, updatedAt = :at", "#status = :from", failure, values, cancellationToken).ConfigureAwait(false);
        }
        // A redrive holds the pool again: the status and the pool's holder item change together, or neither does.
        var record = await GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return false;
        }
        var pool = await PoolClaimAsync(record.Pool, id, cancellationToken).ConfigureAwait(false);
        if (pool.Holder is not null)
        {
            return false;
        }
        var (update, allValues) = StatusUpdate("SET #status = :to, updatedAt = :at", failure, values);
        var hold = pool.StaleHolderId == id ? null : HoldPool(record.Pool, id, pool.StaleHolderId);
        try
        {
            await client.TransactWriteItemsAsync(new TransactWriteItemsRequest
            {
                TransactItems =
                [
                    new TransactWriteItem { Update = new Update
                    {
                        TableName = tableName,
                        Key = Key(RecordsPartition, id),
                        UpdateExpression = update,
                        ConditionExpression = "#status = :from",
                        ExpressionAttributeNames = new() { ["#status"] = "status" },
                        ExpressionAttributeValues = allValues,
                    } },
                    .. hold is null ? Array.Empty<TransactWriteItem>() : [new TransactWriteItem { Put = hold }],
                ],
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TransactionCanceledException)
        {
            return false;
        }
    }

    public Task<bool> ApplyProgressAsync(string id, OnboardingStatus seen, OnboardingProgress progress, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        // A late or repeated event carries a version the record already has: the write is refused.
        return UpdateStatusIfAsync(id, "SET #status = :status, openStates = :open, version = :version, updatedAt = :at",
            "#status = :seen AND (attribute_not_exists(version) OR version < :version)", progress.Failure, new()
            {
                [":seen"] = S(seen.ToWire()),
                [":status"] = S(progress.Status.ToWire()),
                [":open"] = S(JsonSerializer.Serialize(progress.OpenStates, ApiJson.Options)),
                [":version"] = new AttributeValue { N = progress.Version.ToString(CultureInfo.InvariantCulture) },
                [":at"] = S(Time(at)),
            }, cancellationToken);
    }

    /// <summary>A status write that happens only if <paramref name="condition"/> still holds; the failure is set or removed with it.</summary>
    private async Task<bool> UpdateStatusIfAsync(string id, string set, string condition, string? failure,
        Dictionary<string, AttributeValue> values, CancellationToken cancellationToken)
    {
        (var update, values) = StatusUpdate(set, failure, values);
        try
        {
            await client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = tableName,
                Key = Key(RecordsPartition, id),
                UpdateExpression = update,
                ConditionExpression = condition,
                ExpressionAttributeNames = new() { ["#status"] = "status" },
                ExpressionAttributeValues = values,
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private static (string Update, Dictionary<string, AttributeValue> Values) StatusUpdate(string set, string? failure, Dictionary<string, AttributeValue> values)
    {
        if (failure is null)
        {
            return (set + " REMOVE failure", values);
        }
        values[":failure"] = S(failure);
        return (set + ", failure = :failure", values);
    }

    private async Task<string> ClaimAsync(string requestId, string id, CancellationToken cancellationToken)
    {
        try
        {
            await client.PutItemAsync(new PutItemRequest
            {
                TableName = tableName,
                Item = new Dictionary<string, AttributeValue>(Key(RequestPrefix + requestId, ClaimSort)) { ["id"] = S(id) },
                ConditionExpression = "attribute_not_exists(#pk)",
                ExpressionAttributeNames = new() { ["#pk"] = PartitionKey },
            }, cancellationToken).ConfigureAwait(false);
            return id;
        }
        catch (ConditionalCheckFailedException)
        {
            var claim = await client.GetItemAsync(new GetItemRequest
            {
                TableName = tableName,
                Key = Key(RequestPrefix + requestId, ClaimSort),
                ConsistentRead = true,
            }, cancellationToken).ConfigureAwait(false);
            return claim.Item?.GetValueOrDefault("id")?.S
                ?? throw new InvalidDataException($"DynamoDB claim for request id '{requestId}' has no id.");
        }
    }

    private async Task<List<OnboardingRecord>> AllAsync(CancellationToken cancellationToken)
    {
        var records = new List<OnboardingRecord>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await client.QueryAsync(new QueryRequest
            {
                TableName = tableName,
                KeyConditionExpression = "#pk = :records",
                ExpressionAttributeNames = new() { ["#pk"] = PartitionKey },
                ExpressionAttributeValues = new() { [":records"] = S(RecordsPartition) },
                ExclusiveStartKey = start,
                ConsistentRead = true,
            }, cancellationToken).ConfigureAwait(false);
            records.AddRange((page.Items ?? []).Select(FromItem));
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
        return records;
    }

    private static Dictionary<string, AttributeValue> ToItem(OnboardingRecord r)
    {
        var item = Key(RecordsPartition, r.Id);
        item["id"] = S(r.Id);
        item["requester"] = S(r.Requester);
        item["approvers"] = S(JsonSerializer.Serialize(r.Approvers));
        item["team"] = S(r.Team);
        item["pool"] = S(r.Pool);
        item["status"] = S(r.Status.ToWire());
        item["plan"] = S(JsonSerializer.Serialize(r.Plan, ApiJson.Options));
        item["request"] = S(r.RequestJson);
        item["createdAt"] = S(Time(r.CreatedAt));
        item["updatedAt"] = S(Time(r.UpdatedAt));
        Optional(item, "requestId", r.RequestId);
        Optional(item, "executionArn", r.ExecutionArn);
        Optional(item, "failure", r.Failure);
        Optional(item, "account", r.AccountId);
        Optional(item, "snsRegion", r.SnsRegion);
        item["openStates"] = S(JsonSerializer.Serialize(r.OpenStates ?? [], ApiJson.Options));
        item["version"] = new AttributeValue { N = r.Version.ToString(CultureInfo.InvariantCulture) };
        return item;
    }

    private static OnboardingRecord FromItem(Dictionary<string, AttributeValue> item)
    {
        var id = Required(item, "id");
        if (!OnboardingStatusNames.TryParse(Required(item, "status"), out var status))
        {
            throw new InvalidDataException($"DynamoDB onboarding {id} has an unknown status '{item["status"].S}'.");
        }
        return new OnboardingRecord(
            Id: id,
            RequestId: item.GetValueOrDefault("requestId")?.S,
            Requester: Required(item, "requester"),
            Approvers: JsonSerializer.Deserialize<string[]>(Required(item, "approvers")) ?? [],
            Team: Required(item, "team"),
            Pool: Required(item, "pool"),
            Status: status,
            ExecutionArn: item.GetValueOrDefault("executionArn")?.S,
            Plan: JsonSerializer.Deserialize<OnboardingPlan>(Required(item, "plan"), ApiJson.Options)
                ?? throw new InvalidDataException($"DynamoDB onboarding {id} has no plan."),
            RequestJson: Required(item, "request"),
            CreatedAt: DateTimeOffset.Parse(Required(item, "createdAt"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            UpdatedAt: DateTimeOffset.Parse(Required(item, "updatedAt"), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            Failure: item.GetValueOrDefault("failure")?.S,
            OpenStates: item.GetValueOrDefault("openStates")?.S is { } open ? JsonSerializer.Deserialize<OpenState[]>(open, ApiJson.Options) ?? [] : [],
            Version: item.GetValueOrDefault("version")?.N is { } version ? long.Parse(version, CultureInfo.InvariantCulture) : 0,
            AccountId: item.GetValueOrDefault("account")?.S,
            SnsRegion: item.GetValueOrDefault("snsRegion")?.S);
    }

    private static string Required(Dictionary<string, AttributeValue> item, string name) =>
        item.GetValueOrDefault(name)?.S
        ?? throw new InvalidDataException($"DynamoDB item {item.GetValueOrDefault(PartitionKey)?.S ?? "?"} has no string attribute '{name}'.");

    private static void Optional(Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (value is not null)
        {
            item[name] = S(value);
        }
    }

    private static Dictionary<string, AttributeValue> Key(string pk, string sk) => new() { [PartitionKey] = S(pk), [Schema.SortKey] = S(sk) };

    private static AttributeValue S(string value) => new() { S = value };

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
