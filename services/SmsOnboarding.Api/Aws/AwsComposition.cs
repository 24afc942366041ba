using Amazon.DynamoDBv2;
using SmsOnboarding.Api.Accounts;
using SmsOnboarding.Api.Hosting;
using SmsOnboarding.Api.Lambda;
using SmsOnboarding.Api.Onboardings;
using SmsOnboarding.Api.Tasks;
using SmsOnboarding.Aws.Runtime;
using SmsOnboarding.Aws.StepFunctions;
using SmsOnboarding.Steps.HumanTasks;
using SmsOnboarding.Steps.Storage.DynamoDb;

namespace SmsOnboarding.Api.Aws;

/// <summary>Wires the API to the deployed table and state machine (names from the CDK stack's environment variables).</summary>
public static class AwsComposition
{
    public const string StateMachineVariable = "SMS_ONBOARDING_STATE_MACHINE_ARN";

    public static Task<LambdaPipeline> FromEnvironmentAsync(CancellationToken cancellationToken) =>
        CreateAsync(
            new AmazonDynamoDBClient(),
            new AmazonStepFunctionsClient(),
            Required(OnboardingTableSchema.TableNameVariable),
            Required(StateMachineVariable),
            PrincipalDirectory.Parse(Environment.GetEnvironmentVariable(PrincipalDirectory.Variable)),
            TimeProvider.System,
            cancellationToken);

    public static async Task<LambdaPipeline> CreateAsync(
        IAmazonDynamoDB dynamoDb,
        IAmazonStepFunctions stepFunctions,
        string tableName,
        string stateMachineArn,
        PrincipalDirectory principals,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        var runtime = await StepFunctionsRuntime.OpenAsync(stepFunctions, stateMachineArn, cancellationToken).ConfigureAwait(false);
        var inbox = new DynamoDbHumanTaskInbox(dynamoDb, tableName);
        var tasks = new HumanTaskDesk(inbox, new HumanTaskService(inbox, new StepFunctionsCallbacks(stepFunctions)));
        return LambdaPipeline.Build(new OnboardingBackends(runtime, new DynamoDbOnboardingStore(dynamoDb, tableName), tasks, time, new UnknownFacts(),
            AccountOf(stateMachineArn),
            new UnreadAccountFacts("the API function is granted no SMS reads; use smsonboard serve --aws real, or the console"),
            new DynamoDbAccountWorkStore(dynamoDb, tableName)), principals);
    }

    /// <summary>The service runs in the state machine's account: arn:PARTITION:states:REGION:ACCOUNT:stateMachine:NAME.</summary>
    internal static string AccountOf(string stateMachineArn)
    {
        var parts = stateMachineArn.Split(':');
        return parts.Length >= 6 && parts[4].Length == 12 && parts[4].All(char.IsAsciiDigit)
            ? parts[4]
            : throw new InvalidOperationException($"{StateMachineVariable} '{stateMachineArn}' is not a state machine ARN with an account id.");
    }

    internal static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Environment variable {variable} is not set: the CDK stack sets it on the API function.");
}
