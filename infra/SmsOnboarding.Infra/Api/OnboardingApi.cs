using Amazon.CDK;
using Amazon.CDK.AWS.APIGateway;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.StepFunctions;
using Constructs;
using SmsOnboarding.Infra.Workflow;
using SmsOnboarding.Steps.Storage.DynamoDb;

namespace SmsOnboarding.Infra.Api;

/// <summary>
/// The same API handlers as `serve`, behind a REST API whose every method requires SigV4 (AWS_IAM): callers are
/// IAM principals granted execute-api:Invoke, so no credentials of our own live in the deployment.
/// </summary>
public sealed class OnboardingApi : Construct
{
    public const string Handler = "SmsOnboarding.Api::SmsOnboarding.Api.Lambda.ApiGatewayEntryPoint::Handle";
    public const string StateMachineVariable = "SMS_ONBOARDING_STATE_MACHINE_ARN";

    // The API's PrincipalDirectory reads this name; infra does not reference the API assembly.
    public const string PrincipalsVariable = "SMS_ONBOARDING_PRINCIPALS";
    public const string StageName = "v1";

    public LambdaRestApi RestApi { get; }

    public Function Function { get; }

    public OnboardingApi(Construct scope, string id, InfraOptions options, ITable table, IStateMachine stateMachine) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(stateMachine);

        var role = new Role(this, "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            Description = "SmsOnboarding API: records, inbox, start/stop/describe executions, task callbacks.",
        });
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query", "dynamodb:ConditionCheckItem"],
            Resources = [table.TableArn, table.TableArn + "/index/*"],
            Conditions = new Dictionary<string, object>
            {
                ["ForAllValues:StringLike"] = new Dictionary<string, object>
                {
                    ["dynamodb:LeadingKeys"] = new[] { OnboardingTableSchema.OnboardingPrefix + "*", OnboardingTableSchema.HumanTaskKeyPattern },
                },
            },
        }));
        stateMachine.GrantStartExecution(role);
        stateMachine.GrantExecution(role, "states:DescribeExecution", "states:StopExecution", "states:GetExecutionHistory", "states:RedriveExecution");
        // The API reads the deployed definition at cold start so its diagram shows what actually runs.
        role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["states:DescribeStateMachine"],
            Resources = [stateMachine.StateMachineArn],
        }));
        // Task-token callbacks have no resource-level permissions in IAM.
        stateMachine.GrantTaskResponse(role);

        var logs = new LogGroup(this, "Logs", new LogGroupProps { Retention = RetentionDays.ONE_MONTH, RemovalPolicy = RemovalPolicy.DESTROY });
        logs.GrantWrite(role);

        Function = new Function(this, "Function", new FunctionProps
        {
            Description = "SmsOnboarding HTTP API (API Gateway proxy events)",
            Runtime = OnboardingWorkflow.DotnetRuntime,
            Architecture = Architecture.ARM_64,
            Handler = Handler,
            Code = Code.FromAsset(options.ApiPackage),
            MemorySize = 1024,
            // API Gateway gives up after 29 s; a longer function timeout would only bill for answers nobody reads.
            Timeout = Duration.Seconds(29),
            Role = role,
            Tracing = Tracing.ACTIVE,
            LogGroup = logs,
            Environment = new Dictionary<string, string>
            {
                [OnboardingTableSchema.TableNameVariable] = table.TableName,
                [StateMachineVariable] = stateMachine.StateMachineArn,
                [PrincipalsVariable] = options.ApiPrincipals,
            },
        });

        RestApi = new LambdaRestApi(this, "RestApi", new LambdaRestApiProps
        {
            Handler = Function,
            Proxy = true,
            Description = "SmsOnboarding HTTP API (SigV4 / AWS_IAM)",
            DefaultMethodOptions = new MethodOptions { AuthorizationType = AuthorizationType.IAM },
            // The account-wide API Gateway logging role is an account setting, not this stack's to own.
            CloudWatchRole = false,
            EndpointTypes = [EndpointType.REGIONAL],
            DeployOptions = new StageOptions
            {
                StageName = StageName,
                TracingEnabled = true,
                MetricsEnabled = true,
                ThrottlingRateLimit = 50,
                ThrottlingBurstLimit = 100,
            },
        });
    }
}
