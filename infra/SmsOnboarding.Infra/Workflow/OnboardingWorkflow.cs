using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.StepFunctions;
using Constructs;
using SmsOnboarding.Infra.Members;
using SmsOnboarding.Steps;
using SmsOnboarding.Steps.RegisterHumanTask;
using SmsOnboarding.Steps.Reminders;
using SmsOnboarding.Steps.Storage.DynamoDb;
using SmsOnboarding.Steps.TargetAccounts;

namespace SmsOnboarding.Infra.Workflow;

/// <summary>
/// One Lambda per StepCatalog descriptor, each with only its descriptor's grants, and the state machine from the ASL file
/// with every placeholder bound: function ARNs, and settings as CloudFormation parameters (defaults from the
/// catalog or <c>-c Name=value</c>) so intervals can change at deploy time without a new synth.
/// </summary>
public sealed class OnboardingWorkflow : Construct
{
    public const string ReminderTopicVariable = ReminderTopic.ArnVariable;

    /// <summary>StepEntryPoint passes it to CreateRole as the permissions boundary.</summary>
    public const string RoleBoundaryVariable = "SMS_ROLE_BOUNDARY_ARN";

    /// <summary>dotnet10 is not a constant in CDK 2.160; the managed runtime exists (Amazon Linux 2023).</summary>
    public static readonly Runtime DotnetRuntime = new("dotnet10", RuntimeFamily.DOTNET_CORE);

    /// <summary>
    /// Every step function's role lives under this path (names stay generated, so two stacks never collide), which is
    /// how a member account's target role trusts exactly these roles of the service account (aws:PrincipalArn).
    /// Not <see cref="SmsOnboarding.Domain.Policies.SmsRolePolicies.RolePath"/>: the steps' IAM grants cover that path.
    /// </summary>
    public const string StepRolePath = "/sms-onboarding-steps/";

    public const string TargetExternalIdParameter = "TargetExternalId";

    public StateMachine StateMachine { get; }

    public IReadOnlyDictionary<string, Function> Functions { get; }

    public ManagedPolicy SmsRoleBoundary { get; }

    public OnboardingWorkflow(Construct scope, string id, InfraOptions options, ITable table, ITopic reminders) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(reminders);

        SmsRoleBoundary = Workflow.SmsRoleBoundary.Create(this, "SmsRoleBoundary");

        // The member stacks' ExternalId (decision 0026). Empty: the steps act only in the service's own account.
        var targetExternalId = new CfnParameter(Stack.Of(this), TargetExternalIdParameter, new CfnParameterProps
        {
            Type = "String",
            Default = string.Empty,
            NoEcho = true,
            AllowedPattern = "^(" + MemberParameters.ExternalIdCharacters + "{2,1224})?$",
            Description = "The ExternalId the member stacks' target roles require (their ExternalId parameter); empty: act only in this account.",
        }).ValueAsString;

        var code = Code.FromAsset(options.StepsPackage);
        var functions = new Dictionary<string, Function>(StringComparer.Ordinal);
        var substitutions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var step in StepCatalog.All)
        {
            var function = StepFunction(step, code, table, reminders, SmsRoleBoundary, targetExternalId, options.UiUrl);
            functions[step.Name] = function;
            substitutions[step.FunctionArnPlaceholder] = function.FunctionArn;
        }

        Functions = functions;

        foreach (var (name, value) in options.SettingDefaults)
        {
            var numeric = value.All(char.IsAsciiDigit) && value.Length > 0;
            var parameter = new CfnParameter(Stack.Of(this), name, new CfnParameterProps
            {
                Type = "String",
                Default = value,
                Description = $"State machine setting {name} (the ASL placeholder of the same name).",
                AllowedPattern = numeric ? "^[0-9]+$" : null,
            });
            substitutions[name] = parameter.ValueAsString;
        }

        var logs = new LogGroup(this, "ExecutionLogs", new LogGroupProps
        {
            Retention = RetentionDays.THREE_MONTHS,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });

        StateMachine = new StateMachine(this, "StateMachine", new StateMachineProps
        {
            DefinitionBody = DefinitionBody.FromString(SubstitutionText.EscapeNonPlaceholders(File.ReadAllText(options.DefinitionPath))),
            DefinitionSubstitutions = substitutions,
            StateMachineType = StateMachineType.STANDARD,
            TracingEnabled = true,
            // Execution data holds phone numbers and OTPs (personal data): log events, never payloads.
            Logs = new LogOptions { Destination = logs, Level = LogLevel.ALL, IncludeExecutionData = false },
        });

        foreach (var function in functions.Values)
        {
            function.GrantInvoke(StateMachine);
        }
    }

    private Function StepFunction(StepDescriptor step, Code code, ITable table, ITopic reminders, IManagedPolicy boundary, string targetExternalId, string? uiUrl)
    {
        var role = new Role(this, step.Name + "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            Path = StepRolePath,
            Description = $"SmsOnboarding step {step.Name}: only the calls that step makes.",
        });
        foreach (var statement in StepPolicies.For(step, table))
        {
            role.AddToPrincipalPolicy(statement);
        }

        var logs = new LogGroup(this, step.Name + "Logs", new LogGroupProps
        {
            Retention = RetentionDays.ONE_MONTH,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        logs.GrantWrite(role);

        return new Function(this, step.Name, new FunctionProps
        {
            // Fixed like the local engine's: the API maps a deployed definition's function ARNs back to their steps.
            FunctionName = step.FunctionName,
            Description = $"SmsOnboarding step {step.Name}",
            Runtime = DotnetRuntime,
            Architecture = Architecture.ARM_64,
            Handler = StepCatalog.LambdaHandler,
            Code = code,
            MemorySize = 512,
            Timeout = Duration.Seconds(60),
            Role = role,
            Tracing = Tracing.ACTIVE,
            LogGroup = logs,
            Environment = EnvironmentOf(step, table, reminders, boundary, targetExternalId, uiUrl),
        });
    }

    private static Dictionary<string, string> EnvironmentOf(StepDescriptor step, ITable table, ITopic reminders, IManagedPolicy boundary, string targetExternalId, string? uiUrl)
    {
        var environment = new Dictionary<string, string>
        {
            [StepCatalog.StepVariable] = step.Name,
            [OnboardingTableSchema.TableNameVariable] = table.TableName,
            [RoleBoundaryVariable] = boundary.ManagedPolicyArn,
        };
        if (TargetRole.ActsOnTargetAccount(step))
        {
            environment[TargetRole.ExternalIdVariable] = targetExternalId;
        }

        if (step.Name == RegisterHumanTaskStep.Name)
        {
            // Re-registering a task after its timeout is where approvers get told; the publish grant is the step's.
            environment[ReminderTopicVariable] = reminders.TopicArn;
            if (uiUrl is not null)
            {
                environment[ReminderTopic.UiUrlVariable] = uiUrl;
            }
        }

        return environment;
    }
}
