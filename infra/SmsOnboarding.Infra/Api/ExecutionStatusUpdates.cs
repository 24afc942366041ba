using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SQS;
using Amazon.CDK.AWS.StepFunctions;
using Constructs;
using SmsOnboarding.Infra.Workflow;
using SmsOnboarding.Steps.Storage.DynamoDb;
using LambdaFunction = Amazon.CDK.AWS.Events.Targets.LambdaFunction;
using LambdaFunctionProps = Amazon.CDK.AWS.Events.Targets.LambdaFunctionProps;

namespace SmsOnboarding.Infra.Api;

/// <summary>
/// Keeps the onboarding records' status in step with their executions (decision 0020): EventBridge's "Step Functions
/// Execution Status Change" events of our state machine go to a function of the API package that folds the
/// execution's history into the record with a versioned write. Its role may read and update onboarding records and
/// read this state machine's definition and histories, nothing else. Events it could not take (after EventBridge's
/// and Lambda's retries) wait in one dead-letter queue.
/// </summary>
public sealed class ExecutionStatusUpdates : Construct
{
    public const string Handler = "SmsOnboarding.Api::SmsOnboarding.Api.Lambda.ExecutionStatusEntryPoint::Handle";
    public const string EventSource = "aws.states";
    public const string EventDetailType = "Step Functions Execution Status Change";

    public Function Function { get; }

    public Rule Rule { get; }

    public Queue DeadLetters { get; }

    public ExecutionStatusUpdates(Construct scope, string id, InfraOptions options, ITable table, IStateMachine stateMachine) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(stateMachine);

        var role = new Role(this, "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            Description = "SmsOnboarding execution status updates: onboarding records and this state machine's histories.",
        });
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["dynamodb:GetItem", "dynamodb:UpdateItem"],
            Resources = [table.TableArn],
            Conditions = new Dictionary<string, object>
            {
                ["ForAllValues:StringLike"] = new Dictionary<string, object> { ["dynamodb:LeadingKeys"] = new[] { OnboardingTableSchema.OnboardingPrefix + "*" } },
            },
        }));
        stateMachine.GrantExecution(role, "states:GetExecutionHistory");
        // The fold needs the deployed definition (which states wait on people, on AWS, or finalize).
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["states:DescribeStateMachine"],
            Resources = [stateMachine.StateMachineArn],
        }));

        var logs = new LogGroup(this, "Logs", new LogGroupProps { Retention = RetentionDays.ONE_MONTH, RemovalPolicy = RemovalPolicy.DESTROY });
        logs.GrantWrite(role);

        DeadLetters = new Queue(this, "DeadLetters", new QueueProps
        {
            Encryption = QueueEncryption.SQS_MANAGED,
            EnforceSSL = true,
            RetentionPeriod = Duration.Days(14),
        });

        Function = new Function(this, "Function", new FunctionProps
        {
            Description = "SmsOnboarding: execution status changes into onboarding records (EventBridge)",
            Runtime = OnboardingWorkflow.DotnetRuntime,
            Architecture = Architecture.ARM_64,
            Handler = Handler,
            Code = Code.FromAsset(options.ApiPackage),
            MemorySize = 512,
            Timeout = Duration.Seconds(30),
            Role = role,
            LogGroup = logs,
            // A failed fold (throttling, a Step Functions error) is retried; the same event twice writes nothing new.
            RetryAttempts = 2,
            MaxEventAge = Duration.Hours(6),
            DeadLetterQueue = DeadLetters,
            Environment = new Dictionary<string, string>
            {
                [OnboardingTableSchema.TableNameVariable] = table.TableName,
                [OnboardingApi.StateMachineVariable] = stateMachine.StateMachineArn,
            },
        });

        Rule = new Rule(this, "Rule", new RuleProps
        {
            Description = "Status changes of the SmsOnboarding state machine's executions",
            EventPattern = new EventPattern
            {
                Source = [EventSource],
                DetailType = [EventDetailType],
                Detail = new Dictionary<string, object> { ["stateMachineArn"] = new[] { stateMachine.StateMachineArn } },
            },
            Targets =
            [
                new LambdaFunction(Function, new LambdaFunctionProps
                {
                    DeadLetterQueue = DeadLetters,
                    RetryAttempts = 8,
                    MaxEventAge = Duration.Hours(6),
                }),
            ],
        });
    }
}
