namespace SmsOnboarding.Steps.Storage.DynamoDb;

/// <summary>
/// The single DynamoDB table's layout, shared by the adapters and the CDK stack so the deployed table, the IAM
/// key conditions and the code can never disagree. Each kind of item owns a partition-key prefix; IAM limits every
/// function to its prefixes with <c>dynamodb:LeadingKeys</c>.
/// </summary>
public static class OnboardingTableSchema
{
    /// <summary>Environment variable the Lambda functions read the table name from.</summary>
    public const string TableNameVariable = "SMS_ONBOARDING_TABLE";

    public const string PartitionKey = "pk";
    public const string SortKey = "sk";

    /// <summary>Sparse index holding only pending human tasks (one partition: the inbox is small by nature).</summary>
    public const string PendingTasksIndex = "pending-tasks";
    public const string IndexPartitionKey = "gsi1pk";
    public const string IndexSortKey = "gsi1sk";

    /// <summary>Epoch seconds; DynamoDB deletes expired items within days, so readers also check it.</summary>
    public const string TimeToLiveAttribute = "expiresAt";

    public const string TaskPrefix = "TASK#";
    public const string TaskSlotPrefix = "TASKSLOT#";
    public const string PendingTasksPartition = "TASKS";
    public const string IdempotencyPrefix = "IDEMPOTENCY#";
    public const string OnboardingPrefix = "ONBOARDING#";

    /// <summary><c>dynamodb:LeadingKeys</c> pattern covering every human-task item and index partition.</summary>
    public const string HumanTaskKeyPattern = "TASK*";

    public const string IdempotencyKeyPattern = IdempotencyPrefix + "*";

    /// <summary>Idempotency records outlive the longest Standard execution (1 year) so a redrive still finds them.</summary>
    public static readonly TimeSpan IdempotencyRetention = TimeSpan.FromDays(400);

    /// <summary>Expired tasks stay visible a little while for the audit trail before DynamoDB removes them.</summary>
    public static readonly TimeSpan ExpiredTaskRetention = TimeSpan.FromDays(7);
}
