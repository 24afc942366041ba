using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Constructs;
using SmsOnboarding.Steps.Storage.DynamoDb;
using Attribute = Amazon.CDK.AWS.DynamoDB.Attribute;

namespace SmsOnboarding.Infra.Storage;

/// <summary>One table for onboarding records, the human-task inbox and idempotency keys (layout: <see cref="OnboardingTableSchema"/>).</summary>
public sealed class OnboardingTable : Construct
{
    public Table Table { get; }

    public OnboardingTable(Construct scope, string id) : base(scope, id)
    {
        Table = new Table(this, "Table", new TableProps
        {
            PartitionKey = new Attribute { Name = OnboardingTableSchema.PartitionKey, Type = AttributeType.STRING },
            SortKey = new Attribute { Name = OnboardingTableSchema.SortKey, Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            Encryption = TableEncryption.AWS_MANAGED,
            PointInTimeRecovery = true,
            TimeToLiveAttribute = OnboardingTableSchema.TimeToLiveAttribute,
            DeletionProtection = true,
            // Records are the audit trail of who turned on SMS where: keep them when the stack goes.
            RemovalPolicy = RemovalPolicy.RETAIN,
        });
        Table.AddGlobalSecondaryIndex(new GlobalSecondaryIndexProps
        {
            IndexName = OnboardingTableSchema.PendingTasksIndex,
            PartitionKey = new Attribute { Name = OnboardingTableSchema.IndexPartitionKey, Type = AttributeType.STRING },
            SortKey = new Attribute { Name = OnboardingTableSchema.IndexSortKey, Type = AttributeType.STRING },
            ProjectionType = ProjectionType.ALL,
        });
    }
}
