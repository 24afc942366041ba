using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using SmsOnboarding.Steps.AccountWork;
using SmsOnboarding.Steps.HumanTasks;
using SmsOnboarding.Steps.Idempotency;
using SmsOnboarding.Steps.Storage.DynamoDb;

namespace SmsOnboarding.Steps.Lambda;

/// <summary>
/// Where a Lambda step keeps idempotency records and the human-task inbox. With the stack's table name set they
/// live in DynamoDB, shared by every instance and the API; without it (a function run by hand, tests) they fall
/// back to SQLite files under SMS_ONBOARDING_DATA_DIR, which only that one instance sees.
/// </summary>
public sealed record StepStores(IIdempotencyStore Idempotency, IAccountWorkStore AccountWork, IHumanTaskInbox Inbox)
{
    public const string DataDirVariable = "SMS_ONBOARDING_DATA_DIR";

    /// <param name="environment">Reads an environment variable (null when unset).</param>
    /// <param name="credentials">Null in Lambda: the SDK's default chain then finds the function's role.</param>
    public static StepStores FromEnvironment(Func<string, string?> environment, AWSCredentials? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var table = environment(OnboardingTableSchema.TableNameVariable);
        if (!string.IsNullOrWhiteSpace(table))
        {
            var client = DynamoDbClient(environment, credentials);
            return new StepStores(new DynamoDbIdempotencyStore(client, table), new DynamoDbAccountWorkStore(client, table), new DynamoDbHumanTaskInbox(client, table));
        }

        var dataDir = environment(DataDirVariable) ?? Path.GetTempPath();
        Directory.CreateDirectory(dataDir);
        return new StepStores(
            new SqliteIdempotencyStore(Path.Combine(dataDir, "idempotency.db")),
            new SqliteAccountWorkStore(Path.Combine(dataDir, "idempotency.db")),
            new SqliteHumanTaskInbox(Path.Combine(dataDir, "human-tasks.db")));
    }

    private static AmazonDynamoDBClient DynamoDbClient(Func<string, string?> environment, AWSCredentials? credentials)
    {
        var region = environment("AWS_REGION");
        if (string.IsNullOrWhiteSpace(region))
        {
            throw new InvalidOperationException(
                $"{OnboardingTableSchema.TableNameVariable} is set but AWS_REGION is not; the DynamoDB client needs the table's Region.");
        }

        var config = new AmazonDynamoDBConfig();
        var endpoint = environment("AWS_ENDPOINT_URL_DYNAMODB") ?? environment("AWS_ENDPOINT_URL");
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        else
        {
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = region;
        }

        return credentials is null ? new AmazonDynamoDBClient(config) : new AmazonDynamoDBClient(credentials, config);
    }
}
