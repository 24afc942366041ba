using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using SmsOnboarding.Steps.HumanTasks;
using static SmsOnboarding.Steps.Storage.DynamoDb.OnboardingTableSchema;

namespace SmsOnboarding.Steps.Storage.DynamoDb;

/// <summary>
/// The human-task inbox on the single table. A task is item <c>TASK#&lt;id&gt;</c> (also in the sparse pending
/// index); a slot item <c>TASKSLOT#&lt;execution&gt;#&lt;slot&gt;</c> points at the task that currently owns the slot,
/// and every change to a slot is a conditional transaction on that pointer, so two writers can never leave two
/// live tasks in one slot. Claiming is a conditional delete: exactly one caller gets the token.
/// </summary>
public sealed class DynamoDbHumanTaskInbox(IAmazonDynamoDB client, string tableName) : IHumanTaskInbox
{
    private const string TaskItem = "TASK";
    private const string SlotItem = "SLOT";
    private const int MaxSlotRaces = 5;

    public async Task<HumanTask> AddAsync(HumanTask task, string taskToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentException.ThrowIfNullOrEmpty(taskToken);
        if (task.Id != TaskTokens.Id(taskToken))
        {
            throw new ArgumentException($"Task id '{task.Id}' is not the SHA-256 of its task token.", nameof(task));
        }

        for (var attempt = 1; ; attempt++)
        {
            var owner = await SlotOwnerAsync(task.ExecutionArn, task.Slot, cancellationToken).ConfigureAwait(false);
            var writes = new List<TransactWriteItem>
            {
                new() { Put = new Put { TableName = tableName, Item = ToItem(task, taskToken) } },
                new() { Put = SlotPut(task, owner) },
            };
            if (owner is not null && owner != task.Id)
            {
                writes.Add(new TransactWriteItem { Delete = new Delete { TableName = tableName, Key = TaskKey(owner) } });
            }

            try
            {
                await client.TransactWriteItemsAsync(new TransactWriteItemsRequest { TransactItems = writes }, cancellationToken).ConfigureAwait(false);
                return task;
            }
            catch (TransactionCanceledException) when (attempt < MaxSlotRaces)
            {
                // Another writer moved the slot between our read and write: read it again.
            }
        }
    }

    public async Task<IReadOnlyList<HumanTask>> ListPendingAsync(string? executionArn = null, CancellationToken cancellationToken = default)
    {
        var tasks = new List<HumanTask>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var request = new QueryRequest
            {
                TableName = tableName,
                IndexName = PendingTasksIndex,
                KeyConditionExpression = "#pk = :pending",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = IndexPartitionKey },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":pending"] = new() { S = PendingTasksPartition } },
                ExclusiveStartKey = start,
            };
            if (executionArn is not null)
            {
                request.FilterExpression = "executionArn = :execution";
                request.ExpressionAttributeValues[":execution"] = new AttributeValue { S = executionArn };
            }

            var page = await client.QueryAsync(request, cancellationToken).ConfigureAwait(false);
            tasks.AddRange((page.Items ?? []).Select(FromItem));
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);

        return tasks;
    }

    public async Task<HumanTask?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var response = await client.GetItemAsync(new GetItemRequest { TableName = tableName, Key = TaskKey(id), ConsistentRead = true }, cancellationToken)
            .ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? FromItem(item) : null;
    }

    public async Task<ClaimedHumanTask?> ClaimAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        Dictionary<string, AttributeValue> old;
        try
        {
            var deleted = await client.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = tableName,
                Key = TaskKey(id),
                ConditionExpression = "attribute_exists(#pk)",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = PartitionKey },
                ReturnValues = ReturnValue.ALL_OLD,
            }, cancellationToken).ConfigureAwait(false);
            old = deleted.Attributes;
        }
        catch (ConditionalCheckFailedException)
        {
            return null;
        }

        var task = FromItem(old);
        await ReleaseSlotAsync(task, cancellationToken).ConfigureAwait(false);
        return new ClaimedHumanTask(task, Attributes.String(old, "token"));
    }

    public async Task RestoreAsync(ClaimedHumanTask claimed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        try
        {
            await client.TransactWriteItemsAsync(new TransactWriteItemsRequest
            {
                TransactItems =
                [
                    new() { Put = new Put { TableName = tableName, Item = ToItem(claimed.Task, claimed.TaskToken) } },
                    new() { Put = SlotPut(claimed.Task, claimed.Task.Id, allowVacant: true) },
                ],
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (TransactionCanceledException)
        {
            // A reminder re-registered the slot with a newer token meanwhile: the old token is superseded, so the
            // newer task is the one to answer and this one stays gone.
        }
    }

    public async Task<int> RemoveForExecutionAsync(string executionArn, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(executionArn);
        var removed = 0;
        foreach (var task in await ListPendingAsync(executionArn, cancellationToken).ConfigureAwait(false))
        {
            if (await ClaimAsync(task.Id, cancellationToken).ConfigureAwait(false) is not null)
            {
                removed++;
            }
        }

        return removed;
    }

    private async Task<string?> SlotOwnerAsync(string executionArn, string slot, CancellationToken cancellationToken)
    {
        var response = await client.GetItemAsync(new GetItemRequest { TableName = tableName, Key = SlotKey(executionArn, slot), ConsistentRead = true }, cancellationToken)
            .ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? Attributes.String(item, "taskId") : null;
    }

    private async Task ReleaseSlotAsync(HumanTask task, CancellationToken cancellationToken)
    {
        try
        {
            await client.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = tableName,
                Key = SlotKey(task.ExecutionArn, task.Slot),
                ConditionExpression = "taskId = :id",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":id"] = new() { S = task.Id } },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // The slot already belongs to a newer task (or is empty): nothing of ours to release.
        }
    }

    /// <summary>The slot write succeeds only if the slot still has the owner we read (or none, when we read none).</summary>
    private Put SlotPut(HumanTask task, string? expectedOwner, bool allowVacant = false)
    {
        var item = SlotKey(task.ExecutionArn, task.Slot);
        item["taskId"] = new AttributeValue { S = task.Id };
        item[TimeToLiveAttribute] = Attributes.Epoch(task.ExpiresAt + ExpiredTaskRetention);
        var put = new Put { TableName = tableName, Item = item };
        if (expectedOwner is not null)
        {
            put.ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":owner"] = new() { S = expectedOwner } };
        }

        if (expectedOwner is null || allowVacant)
        {
            // DynamoDB rejects attribute names an expression does not use, so #pk is declared only here.
            put.ExpressionAttributeNames = new Dictionary<string, string> { ["#pk"] = PartitionKey };
        }

        put.ConditionExpression = (expectedOwner, allowVacant) switch
        {
            (null, _) => "attribute_not_exists(#pk)",
            (_, true) => "attribute_not_exists(#pk) OR taskId = :owner",
            _ => "taskId = :owner",
        };
        return put;
    }

    private static Dictionary<string, AttributeValue> TaskKey(string id) => new(StringComparer.Ordinal)
    {
        [PartitionKey] = new AttributeValue { S = TaskPrefix + id },
        [SortKey] = new AttributeValue { S = TaskItem },
    };

    private static Dictionary<string, AttributeValue> SlotKey(string executionArn, string slot) => new(StringComparer.Ordinal)
    {
        [PartitionKey] = new AttributeValue { S = $"{TaskSlotPrefix}{executionArn}#{slot}" },
        [SortKey] = new AttributeValue { S = SlotItem },
    };

    private static Dictionary<string, AttributeValue> ToItem(HumanTask task, string token)
    {
        var item = TaskKey(task.Id);
        item[IndexPartitionKey] = new AttributeValue { S = PendingTasksPartition };
        item[IndexSortKey] = new AttributeValue { S = Attributes.Of(task.CreatedAt).S + "#" + task.Id };
        item["token"] = new AttributeValue { S = token };
        item["kind"] = new AttributeValue { S = task.Kind };
        item["executionArn"] = new AttributeValue { S = task.ExecutionArn };
        item["onboardingId"] = new AttributeValue { S = task.OnboardingId };
        item["slot"] = new AttributeValue { S = task.Slot };
        item["prompt"] = new AttributeValue { S = task.Prompt };
        item["createdAt"] = Attributes.Of(task.CreatedAt);
        item["remindAt"] = Attributes.Of(task.RemindAt);
        item["taskExpiresAt"] = Attributes.Of(task.ExpiresAt);
        item["reminder"] = Attributes.Of(task.Reminder);
        item[TimeToLiveAttribute] = Attributes.Epoch(task.ExpiresAt + ExpiredTaskRetention);
        Attributes.SetOptional(item, "maskedPhoneNumber", task.MaskedPhoneNumber);
        Attributes.SetOptional(item, "need", task.Need);
        Attributes.SetOptional(item, "caseText", task.CaseText);
        Attributes.SetOptional(item, "caseLink", task.CaseLink);
        Attributes.SetOptional(item, "caseId", task.CaseId);
        return item;
    }

    private static HumanTask FromItem(Dictionary<string, AttributeValue> item) => new(
        Attributes.String(item, PartitionKey)[TaskPrefix.Length..],
        Attributes.String(item, "kind"),
        Attributes.String(item, "executionArn"),
        Attributes.String(item, "onboardingId"),
        Attributes.String(item, "slot"),
        Attributes.OptionalString(item, "maskedPhoneNumber"),
        Attributes.String(item, "prompt"),
        Attributes.Time(item, "createdAt"),
        Attributes.Time(item, "remindAt"),
        Attributes.Time(item, "taskExpiresAt"),
        Attributes.Int(item, "reminder"),
        Attributes.OptionalString(item, "need"),
        Attributes.OptionalString(item, "caseText"),
        Attributes.OptionalString(item, "caseLink"),
        Attributes.OptionalString(item, "caseId"));
}
